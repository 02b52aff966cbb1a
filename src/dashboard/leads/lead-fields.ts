import { z } from 'zod';

// The lead form's fields as staff type them. A phone is a contact field (not the channel's own
// id): written with spaces, dashes, brackets or a leading 00, it is stored as +<digits>.

export const leadStages = ['new', 'contacted', 'appointment', 'customer', 'lost'] as const;
export type LeadStage = (typeof leadStages)[number];

export function normalisePhone(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  const digits = trimmed.replace(/[\s\-().]/g, '');
  return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.trim());

export const leadFieldsSchema = z.object({
  name: optionalText(200),
  phone: z
    .string()
    .max(40)
    .transform(normalisePhone)
    .refine((value) => value === '' || /^\+[1-9]\d{6,14}$/.test(value)),
  email: z
    .string()
    .max(254)
    .transform((value) => value.trim())
    .refine((value) => value === '' || z.email().safeParse(value).success),
  notes: optionalText(4000),
  stage: z.enum(leadStages),
});

export type LeadFields = z.output<typeof leadFieldsSchema>;
