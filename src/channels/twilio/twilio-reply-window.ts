import {
  automatedOutsideWindow,
  blocked,
  type ReplyWindowPolicy,
  respond,
} from '@/src/channels/reply-window';

// WhatsApp through Twilio keeps WhatsApp's rule: free text within 24 h of the customer's last
// message; after that only templates (Content API ContentSid), which go any time (error 63016,
// PLATFORMS.md §5).
const humanReplyHours = 24;

export const twilioReplyWindow: ReplyWindowPolicy = {
  humanReplyHours,
  goesAnyTime: (facts) => facts.contentKind === 'template',
  decide(facts, ageHours) {
    if (ageHours <= humanReplyHours) return respond;
    if (facts.sender !== 'human') return automatedOutsideWindow;
    return blocked(
      'whatsapp_template_required',
      "More than 24 h since the customer's last message: WhatsApp only allows approved message templates now.",
    );
  },
};
