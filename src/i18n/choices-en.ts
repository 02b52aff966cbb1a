import type { choicesEs } from './choices-es';

// Buttons and lists in the reply box (issue 16 §2), in English.

export const choicesEn: typeof choicesEs = {
  addOptions: 'Add options to tap',
  optionsLabel: 'Options, one per line',
  optionsHelp: {
    whatsapp:
      'The customer taps one instead of typing. Up to 3 show as buttons (20 characters each); 4 to 10 as a list (24 characters).',
    facebook: 'The customer taps one instead of typing: quick replies of up to 20 characters, at most 10.',
    instagram:
      'The customer taps one instead of typing: quick replies of up to 20 characters, at most 10 (Instagram does not show them on desktop).',
    tiktok: 'TikTok has no buttons: the options are numbered at the end of the message (at most 10).',
    twilio:
      'Through Twilio there are no buttons: the options are numbered at the end of the message (at most 10).',
    email: 'An email has no buttons: the options are numbered at the end of the message (at most 10).',
  },
  listButtonLabel: 'Label of the button that opens the list (optional)',
  listButtonHelp: 'WhatsApp only, with more than 3 options. Left empty it says "See options".',
  defaultListButton: 'See options',
  servicesMenu: 'Send services menu',
  servicesMenuHelp:
    'Sends your services (from Scheduling) as a list the customer picks from. Anything you wrote above goes first.',
  servicesMenuSent: 'Services menu queued to send.',
  servicesMenuEmpty: 'There are no active services yet. Add them in Scheduling to send the menu.',
  refused: 'The options do not fit this channel. Check:',
  channelName: {
    whatsapp: 'WhatsApp',
    facebook: 'Messenger',
    instagram: 'Instagram',
    tiktok: 'TikTok',
    twilio: 'WhatsApp (Twilio)',
    email: 'Email',
  },
  issues: {
    textMissing: 'Your reply: write the text that goes above the options.',
    tooMany: (max: number) => `Options: at most ${max}.`,
    titleTooLong: (n: number, length: number, max: number, channel: string) =>
      `Option ${n}: ${length} characters; ${channel} allows ${max}.`,
    duplicate: (n: number, first: number) => `Option ${n}: the same as option ${first}.`,
    listButtonTooLong: (length: number, max: number) =>
      `List button label: ${length} characters; ${max} allowed.`,
    textTooLong: (max: number, channel: string) =>
      `Your reply: with the numbered options it is longer than the ${max} characters ${channel} allows. Shorten it.`,
  },
};
