import { z } from 'zod';

// What an outbound message carries besides its words (messages.content). `messages.text` stays
// the readable version: a template's filled-in body, the question above the choices, a caption.
// Each channel's sender renders the content its own way (or refuses it with a staff message).

const templateContentSchema = z.object({
  kind: z.literal('template'),
  name: z.string().min(1),
  language: z.string().min(1),
  /** The Graph send `components` (header, body and button parameters), built when queued. */
  components: z.array(z.record(z.string(), z.unknown())),
});

const choiceSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
});

const choicesContentSchema = z.object({
  kind: z.literal('choices'),
  /** buttons: up to three taps; list: a menu behind one button (WhatsApp), quick replies elsewhere. */
  style: z.enum(['buttons', 'list']),
  /**
   * The words shown above the taps. `messages.text` is the readable version: these words and the
   * options numbered, which is also what a channel without taps (TikTok) sends.
   */
  body: z.string().min(1),
  choices: z.array(choiceSchema).min(1),
  /** The list's button label (WhatsApp lists). */
  listButton: z.string().optional(),
});

const mediaContentSchema = z.object({
  kind: z.literal('media'),
  mediaType: z.enum(['image', 'document', 'audio', 'video']),
  /** Our stored file (media_files.id). */
  fileId: z.string().min(1),
  mimeType: z.string().min(1),
  filename: z.string().optional(),
});

export const outboundContentSchema = z.discriminatedUnion('kind', [
  templateContentSchema,
  choicesContentSchema,
  mediaContentSchema,
]);

export type OutboundContent = z.infer<typeof outboundContentSchema>;
export type TemplateContent = z.infer<typeof templateContentSchema>;
export type ChoicesContent = z.infer<typeof choicesContentSchema>;
export type MediaContent = z.infer<typeof mediaContentSchema>;
