import type { remindersEs } from './reminders-es';

// Reminders, follow-ups and the day-after thank-you, in English.

export const remindersEn: typeof remindersEs = {
  settingsTitle: 'Reminders and follow-ups',
  settingsIntro:
    'Automatic messages to your customers: reminders before each appointment (with buttons to confirm, change or cancel), a follow-up to whoever stopped answering, and a thank-you the day after the visit.',
  offsetsLabel: 'Reminders: hours before the appointment',
  offsetsHint:
    'Separate with commas. For example "24, 2": a day before and two hours before. Leave empty to send no reminders.',
  followUpsEnabled: 'Write to customers who stopped answering',
  followUpsLabel: 'Follow-ups: hours after our last message',
  followUpsHint:
    'Separate with commas. "24, 72, 168" is the next day, after 3 days and after a week. They stop as soon as the customer answers or asks for no more ("stop", "no gracias", "baja"). After the last one the customer becomes "cold".',
  thankYouEnabled: 'Thank the customer the day after an attended appointment',
  reviewUrlLabel: 'Link to leave a review (optional)',
  reviewUrlHint: 'For example your Google link. It must start with https://',
  windowNote:
    'WhatsApp allows free messages only for 24 hours after the customer\'s last message. After that we use your approved message templates "recordatorio_cita" and "seguimiento"; without them the message is not sent and we tell you why here. Messenger, Instagram and TikTok allow no automatic messages after 24 hours.',
  save: 'Save',
  saved: 'Reminders saved',
  onlyAdmins: 'Only an administrator can change this section.',
  invalidHours: 'Write numbers of hours separated by commas, for example "24, 2".',
  fields: {
    reminder_offsets_minutes: 'Reminders',
    follow_up_hours: 'Follow-ups',
    review_url: 'Review link',
  },
  statusTitle: 'Reminders',
  reminderBefore: (hours: string) => `${hours} before`,
  thankYou: 'Thank-you',
  statuses: {
    scheduled: 'Scheduled',
    sent: 'Sent',
    not_sent: 'Not sent',
    withdrawn: 'Withdrawn',
  },
  reasons: {
    outside_window_no_template:
      'More than 24 hours since the customer\'s last message and no approved WhatsApp message template "recordatorio_cita".',
    outside_window:
      "More than 24 hours since the customer's last message: the platform allows no automatic messages.",
    no_customer_message: 'The customer never wrote to us on this channel.',
    no_conversation: 'The customer has no conversation with us.',
    no_connection: "The customer's channel is not connected.",
    connection_disconnected: "The customer's channel is disconnected.",
    connection_needs_reauth: "The customer's channel needs to be reconnected.",
    connection_error: "The customer's channel has a connection error.",
    template_unusable: 'The approved message template asks for data we do not have (an image, for example).',
    tiktok_reply_limit: 'TikTok allows no more replies to this customer today.',
    cancelled: 'The appointment was cancelled.',
    moved: 'The appointment moved.',
  },
  unknownReason: 'Could not be sent.',
};
