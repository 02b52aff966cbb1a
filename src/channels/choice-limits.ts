// How a channel shows choices (issue 16 §2) and the limits it puts on them. The sender renders
// them; src/channels/fit-choices.ts keeps the AI's choices inside these limits and
// src/channels/check-choices.ts refuses a staff member's that do not fit, before queueing.

export type ChoiceStyleLimits = {
  /** How many choices one message may carry. */
  maxChoices: number;
  /** Longest title (what the customer taps), in characters. */
  title: number;
  /** Longest id (WhatsApp reply id / row id, Messenger payload). */
  id: number;
  /** Longest description under a title; 0 where the platform shows none. */
  description: number;
  /** Longest text above the choices. */
  body: number;
  /** Longest label of the button that opens a list (WhatsApp); 0 where there is none. */
  listButton: number;
};

export type ChoiceLimits = {
  /**
   * interactive: WhatsApp reply buttons or a list; quick_replies: Messenger/Instagram quick
   * replies; numbered_text: the options numbered in the words (TikTok).
   */
  render: 'interactive' | 'quick_replies' | 'numbered_text';
  buttons: ChoiceStyleLimits;
  list: ChoiceStyleLimits;
};

/** WhatsApp Cloud API (PLATFORMS-2.md 4.1). */
export const whatsappChoiceLimits: ChoiceLimits = {
  render: 'interactive',
  buttons: { maxChoices: 3, title: 20, id: 256, description: 0, body: 1024, listButton: 0 },
  list: { maxChoices: 10, title: 24, id: 200, description: 72, body: 4096, listButton: 20 },
};

/** Messenger and Instagram quick replies: at most 13, text, titles of 20 (PLATFORMS-2.md 4.2). */
export function quickReplyLimits(body: number): ChoiceLimits {
  const quick = { maxChoices: 13, title: 20, id: 1000, description: 0, body, listButton: 0 };
  return {
    render: 'quick_replies',
    buttons: { ...quick, maxChoices: 3 },
    list: { ...quick, maxChoices: 10 },
  };
}

/** No taps on TikTok: the options go numbered into the words, with the same counts as WhatsApp. */
export const numberedChoiceLimits: ChoiceLimits = {
  render: 'numbered_text',
  buttons: { maxChoices: 3, title: 24, id: 200, description: 0, body: 6000, listButton: 0 },
  list: { maxChoices: 10, title: 24, id: 200, description: 72, body: 6000, listButton: 0 },
};
