// The five templates seed 001 sends (issue 16), as one-click Spanish presets with named
// parameters and examples. Categories follow Meta's rule (PLATFORMS-2.md §3.2, §3.6): a message
// about something the customer already asked for or booked is utility (and free inside an open
// window); one that greets or re-engages them to sell is marketing. Meta may recategorise, and then
// tells us (template_category_update).

export type TemplatePreset = {
  name: string;
  category: 'utility' | 'marketing';
  /** Shown beside the button: what it is for, in the staff's words. */
  purpose: string;
  body: string;
  footer?: string;
  examples: Record<string, string>;
};

export const templatePresets: TemplatePreset[] = [
  {
    name: 'cita_confirmada',
    category: 'utility',
    purpose: 'Confirma una cita que el cliente agendó.',
    body: 'Hola {{nombre}}, tu cita quedó confirmada para el {{fecha}} a las {{hora}} en {{sucursal}}. Si necesitas cambiarla, responde a este mensaje.',
    examples: { nombre: 'Ana', fecha: '12 de diciembre', hora: '10:30', sucursal: 'Sucursal Del Valle' },
  },
  {
    name: 'recordatorio_cita',
    category: 'utility',
    purpose: 'Recuerda una cita próxima.',
    body: 'Hola {{nombre}}, te recordamos tu cita del {{fecha}} a las {{hora}} en {{sucursal}}. Responde a este mensaje para confirmarla o cambiarla.',
    examples: { nombre: 'Ana', fecha: '12 de diciembre', hora: '10:30', sucursal: 'Sucursal Del Valle' },
  },
  {
    name: 'bienvenida',
    category: 'marketing',
    purpose: 'Saluda a un cliente nuevo e invita a escribir.',
    body: 'Hola {{nombre}}, gracias por tu interés en nosotros. Cuéntanos qué necesitas y con gusto te ayudamos por aquí.',
    footer: 'Responde STOP para no recibir más mensajes',
    examples: { nombre: 'Ana' },
  },
  {
    name: 'cotizacion_enviada',
    category: 'utility',
    purpose: 'Avisa que se envió la cotización que el cliente pidió.',
    body: 'Hola {{nombre}}, te enviamos la cotización de {{servicios}} que nos pediste. Si tienes dudas o quieres agendar, responde a este mensaje.',
    examples: { nombre: 'Ana', servicios: 'limpieza dental y blanqueamiento' },
  },
  {
    name: 'seguimiento',
    category: 'marketing',
    purpose: 'Retoma la conversación con un cliente que no respondió.',
    body: 'Hola {{nombre}}, ¿pudiste revisar la información que te compartimos? Si quieres, te ayudamos a agendar: responde a este mensaje.',
    footer: 'Responde STOP para no recibir más mensajes',
    examples: { nombre: 'Ana' },
  },
];

export function findPreset(name: string): TemplatePreset | undefined {
  return templatePresets.find((preset) => preset.name === name);
}
