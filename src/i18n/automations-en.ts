import type { automationsEs } from './automations-es';

// Automations: notifications to another app (n8n, Make, Zapier) and "AI through my workflow".

export const automationsEn: typeof automationsEs = {
  nav: 'Automations',
  title: 'Automations',
  intro:
    'An automatic notice to another app (for example n8n, Make or Zapier): when something happens here, such as a new customer message, we send its details to the address you give, and your workflow does whatever you want with them.',
  endpointsTitle: 'Addresses that receive notices',
  none: 'None yet. Add the address your app gives you (in n8n: the “Webhook” node, production URL).',
  add: 'Add address',
  edit: 'Edit or pause',
  save: 'Save changes',
  url: 'Address (https://…)',
  urlHelp: 'Copy it from your app. It must start with https://.',
  description: 'A name to recognise it (optional)',
  events: 'What to send',
  active: 'Active (receives notices)',
  inactive: 'Paused',
  secretHint: (hint: string) => (hint ? `Signing key: ends in …${hint}` : 'Signing key stored'),
  created: 'Address added. Copy this signing key now: you will not see it again.',
  createdHelp:
    'Your workflow uses it to check the notice comes from us (the X-Webhook-Signature header; the recipe is in the guide).',
  saved: 'Changes saved.',
  eventNames: {
    'message.received': 'New customer message',
    'message.sent': 'Our reply went out',
    'conversation.escalated': 'Conversation handed to a person',
    'conversation.closed': 'Conversation closed',
    'lead.score_changed': 'A customer’s score changed',
    'appointment.created': 'New appointment',
    'appointment.updated': 'Appointment changed or confirmed',
    'appointment.cancelled': 'Appointment cancelled',
    'ai.reply_requested': 'Your workflow must answer (“AI through my workflow”)',
  },
  workflowTitle: 'Answer with my workflow instead of the AI',
  workflowHelp:
    'When on, our AI does not answer: your workflow gets the “Your workflow must answer” notice with what the customer wrote and answers through our API. It needs an active address that receives that notice.',
  workflowOn: 'On: your workflow answers.',
  workflowOff: 'Off: our AI answers.',
  turnOn: 'Turn on',
  turnOff: 'Turn off',
  logTitle: 'Latest notices sent',
  logEmpty: 'No notice sent yet.',
  columns: {
    when: 'When',
    event: 'Notice',
    to: 'To',
    status: 'Status',
    attempts: 'Attempts',
    detail: 'Detail',
  },
  status: { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
  nextAttempt: 'Next attempt',
  resend: 'Resend',
  resent: 'Notice resent: it goes out in a few seconds with the same id.',
  reasons: {
    automation_bad_url:
      'That address will not work: it must start with https:// and be public (not on your internal network).',
    automation_no_events: 'Choose at least one notice.',
    automation_too_many: 'You can have up to 10 addresses.',
    automation_no_ai_endpoint:
      'First add (or turn on) an address that receives the “Your workflow must answer” notice.',
  },
};
