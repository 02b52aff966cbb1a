import type { ChoicesContent } from '@/src/channels/outbound-content';

// Choices as a WhatsApp interactive message (PLATFORMS.md 2.4, PLATFORMS-2.md 4.1): reply buttons
// (at most 3) or a list (one button opening at most 10 rows, in one section). The content was
// fitted to these limits before it was queued (src/channels/fit-choices.ts, check-choices.ts).
// The tap comes back as interactive.button_reply / list_reply with the id and title.
export function whatsappInteractivePart(content: ChoicesContent): Record<string, unknown> {
  const body = { text: content.body };
  if (content.style === 'buttons') {
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body,
        action: {
          buttons: content.choices.map((choice) => ({
            type: 'reply',
            reply: { id: choice.id, title: choice.title },
          })),
        },
      },
    };
  }
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body,
      action: {
        button: content.listButton ?? 'Ver opciones',
        sections: [
          {
            rows: content.choices.map((choice) => ({
              id: choice.id,
              title: choice.title,
              ...(choice.description ? { description: choice.description } : {}),
            })),
          },
        ],
      },
    },
  };
}
