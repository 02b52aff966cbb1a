import {
  automatedOutsideWindow,
  blocked,
  type ReplyWindowPolicy,
  respond,
} from '@/src/channels/reply-window';

// WhatsApp: free text within 24 h of the customer's last message; after that only approved
// templates, for staff and automation alike (PLATFORMS.md 2.5, PLATFORMS-2.md §3.6). A template
// goes any time, also to a customer who never wrote (a business-initiated conversation).
const humanReplyHours = 24;

export const whatsappReplyWindow: ReplyWindowPolicy = {
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
