import type { unsubscribeEs } from './unsubscribe-es';

// The public page of the unsubscribe link in automated mail, in English.

export const unsubscribeEn: typeof unsubscribeEs = {
  title: 'Stop automated messages',
  ask: 'If you confirm, this business will send you no more automated messages. Its staff can still answer if you write to them.',
  button: 'Yes, no more automated messages',
  done: 'Done: you will receive no more automated messages from this business.',
  invalid: 'This link is not valid. To stop receiving messages, reply to the mail asking for it.',
};
