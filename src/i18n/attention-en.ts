import type { attentionEs } from './attention-es';

// Unread counts, notices and the notification settings, in English.

export const attentionEn: typeof attentionEs = {
  nav: 'Notifications',
  unread: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  unreadShort: (count: number) => `${count} unread`,
  waiting: (count: number) => (count === 1 ? '1 waiting for a person' : `${count} waiting for a person`),
  waitingShort: (count: number) => `${count} waiting`,
  needsPerson: 'Needs a person',
  hotLead: 'Very interested customer',
  title: 'Notifications',
  intro:
    'We let you know when a conversation needs a person or a very interested customer arrives, so nobody is left waiting.',
  browserTitle: 'Notifications in this browser',
  browserExplain:
    'When you turn them on, the browser asks your permission to show notifications. We only say what happened and in which business: never the customer’s message or phone number. You can turn them off at any time.',
  enable: 'Turn on notifications in this browser',
  enabled: 'Notifications are on in this browser.',
  pushToo: 'They also arrive with the tab closed (on your phone, even without the dashboard open).',
  pushUnavailable: 'They do not arrive with the tab closed: this server has no Web Push configured.',
  denied:
    'The browser blocks notifications for this site. To turn them on, change the permission in the browser settings (the padlock next to the address).',
  unsupported: 'This browser cannot show notifications.',
  prompt: 'Do you want us to let you know when a conversation needs a person?',
  preferencesTitle: 'How you want to hear about it',
  push: 'Notifications on your phone or computer (even with the tab closed)',
  email: 'Email when a conversation needs a person',
  sound: 'Sound when a notification arrives with the dashboard open',
  save: 'Save',
  saved: 'Saved.',
  notifyEscalation: 'A conversation needs a person',
  notifyEscalationBody: (business: string) => `${business}: the AI handed a conversation to the team.`,
  notifyMention: 'You were mentioned in a note',
  notifyMentionBody: (business: string) =>
    `${business}: someone on the team mentioned you in an internal note.`,
  notifyHotLead: 'New very interested customer',
  notifyHotLeadBody: (business: string) => `${business}: a new customer is ready to buy or book.`,
};
