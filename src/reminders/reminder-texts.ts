import { formatSpanishDateTime } from '@/src/appointments/spanish-date';

// The words of reminders, thank-yous and follow-ups (Spanish: the businesses and their
// customers are in Latin America). The template parameters use the same values.

export type AppointmentWords = {
  name: string;
  date: string;
  time: string;
  branch: string;
  service: string;
};

function firstName(name: string | null): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}

export function appointmentWords(appointment: {
  lead_name: string | null;
  starts_at: string;
  timezone: string;
  branch_name: string;
  service_name: string;
}): AppointmentWords {
  const when = formatSpanishDateTime(appointment.starts_at, appointment.timezone);
  const comma = when.lastIndexOf(', ');
  return {
    name: firstName(appointment.lead_name),
    date: when.slice(0, comma),
    time: when.slice(comma + 2),
    branch: appointment.branch_name,
    service: appointment.service_name,
  };
}

function greeting(name: string): string {
  return name ? `Hola ${name}` : 'Hola';
}

export function reminderText(words: AppointmentWords, address: string | null): string {
  const where = address ? `${words.branch} (${address})` : words.branch;
  return `${greeting(words.name)}, te recordamos tu cita de ${words.service} el ${words.date} a las ${words.time} en ${where}. ¿Nos confirmas tu asistencia?`;
}

export function thankYouText(words: AppointmentWords, reviewUrl: string | null): string {
  const thanks = `¡Gracias por tu visita a ${words.branch}${words.name ? `, ${words.name}` : ''}!`;
  return reviewUrl
    ? `${thanks} Si tienes un momento, tu opinión nos ayuda mucho: ${reviewUrl}`
    : `${thanks} Esperamos verte pronto.`;
}

export function followUpText(step: number, steps: number, name: string | null): string {
  const hello = greeting(firstName(name));
  if (step >= steps) {
    return `${hello}, te escribimos por última vez por ahora. Si más adelante te interesa, responde a este mensaje y con gusto te atendemos.`;
  }
  if (step === 1)
    return `${hello}, ¿pudiste ver nuestro mensaje? Si tienes alguna duda, aquí estamos para ayudarte.`;
  return `${hello}, seguimos a tus órdenes para lo que necesites. ¿Te ayudamos con algo más?`;
}
