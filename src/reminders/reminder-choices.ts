import type { ChoicesContent } from '@/src/channels/outbound-content';

// The three answers a reminder offers. The id carries the appointment and the action, so a tap
// (button, list row, template quick reply, Messenger quick reply) is handled in SQL without the
// AI (internal.appointment_tap_on_inbound); titles fit every platform (≤ 20 characters).

export const reminderActions = ['confirm', 'change', 'cancel'] as const;
export type ReminderAction = (typeof reminderActions)[number];

const titles: Record<ReminderAction, string> = {
  confirm: 'Confirmar',
  change: 'Cambiar',
  cancel: 'Cancelar',
};

export function reminderChoiceId(appointmentId: string, action: ReminderAction): string {
  return `appt:${appointmentId}:${action}`;
}

/** `words` is the reminder above the taps (the choices' body). */
export function reminderChoices(appointmentId: string, words: string): ChoicesContent {
  return {
    kind: 'choices',
    style: 'buttons',
    body: words,
    choices: reminderActions.map((action) => ({
      id: reminderChoiceId(appointmentId, action),
      title: titles[action],
    })),
  };
}

/** Which action a template's quick-reply button stands for, by its words (else by position). */
export function actionOfButtonText(text: string, index: number): ReminderAction | undefined {
  const folded = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  if (folded.includes('confirm') || folded === 'si') return 'confirm';
  if (folded.includes('cambi') || folded.includes('reprogram') || folded.includes('mover')) return 'change';
  if (folded.includes('cancel')) return 'cancel';
  return reminderActions[index];
}
