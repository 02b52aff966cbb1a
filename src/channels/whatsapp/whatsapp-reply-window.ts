import {
  automatedOutsideWindow,
  blocked,
  type ReplyWindowPolicy,
  respond,
} from '@/src/channels/reply-window';

// WhatsApp: free text within 24 h of the customer's last message; after that only approved
// templates, for staff and automation alike (PLATFORMS.md 2.5).
const humanReplyHours = 24;

export const whatsappReplyWindow: ReplyWindowPolicy = {
  humanReplyHours,
  decide(facts, ageHours) {
    if (ageHours <= humanReplyHours) return respond;
    if (facts.sender !== 'human') return automatedOutsideWindow;
    return blocked(
      'whatsapp_template_required',
      "More than 24 h since the customer's last message: WhatsApp only allows approved templates (not supported yet).",
    );
  },
};
