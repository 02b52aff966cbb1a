import { createHash } from 'node:crypto';

// The Messages API's prompt cache as its `usage` reports it (PLATFORMS.md §6.3; Anthropic's
// prompt caching page): the prefix (tools, then system, then messages) up to the last block
// carrying `cache_control` is written to the cache the first time (cache_creation_input_tokens)
// and read from it while identical (cache_read_input_tokens); input_tokens is only the rest.
// A prefix shorter than the model's minimum is not cached at all. Token counts are estimated at
// 4 characters a token: what matters here is which part is billed how, not the exact count.

type Block = { type?: string; text?: string; cache_control?: unknown };
type Body = {
  model: string;
  tools?: Block[];
  system?: string | Block[];
  messages: { role: string; content: string | Block[] }[];
};

export type FakeUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

const tokens = (text: string) => Math.ceil(text.length / 4);

function parts(body: Body): { text: string; breakpoint: boolean }[] {
  const list: { text: string; breakpoint: boolean }[] = [];
  for (const tool of body.tools ?? [])
    list.push({ text: JSON.stringify(tool), breakpoint: !!tool.cache_control });
  const system = typeof body.system === 'string' ? [{ text: body.system }] : (body.system ?? []);
  for (const block of system) list.push({ text: block.text ?? '', breakpoint: !!block.cache_control });
  for (const message of body.messages) {
    const blocks = typeof message.content === 'string' ? [{ text: message.content }] : message.content;
    for (const block of blocks) {
      list.push({ text: block.text ?? JSON.stringify(block), breakpoint: !!block.cache_control });
    }
  }
  return list;
}

export function createPromptCacheFake(options: { minimumTokens: number; outputTokens?: number }) {
  const cached = new Set<string>();
  return function usageFor(body: Body): FakeUsage {
    const all = parts(body);
    const total = all.reduce((sum, part) => sum + tokens(part.text), 0);
    const last = all.map((part) => part.breakpoint).lastIndexOf(true);
    const prefix = all.slice(0, last + 1);
    const prefixTokens = prefix.reduce((sum, part) => sum + tokens(part.text), 0);
    const usage = {
      input_tokens: total,
      output_tokens: options.outputTokens ?? 120,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    };
    if (last < 0 || prefixTokens < options.minimumTokens) return usage;
    const key = createHash('sha256')
      .update(body.model)
      .update(JSON.stringify(prefix.map((part) => part.text)))
      .digest('hex');
    usage.input_tokens = total - prefixTokens;
    if (cached.has(key)) usage.cache_read_input_tokens = prefixTokens;
    else usage.cache_creation_input_tokens = prefixTokens;
    cached.add(key);
    return usage;
  };
}

/** A knowledge base big enough to pass every model's minimum cacheable length (4,096 tokens). */
export function largeKnowledge() {
  return {
    services: Array.from({ length: 40 }, (_, i) => ({
      name: `Tratamiento ${i + 1}`,
      price: `MXN ${800 + i * 50}`,
      duration: `${30 + (i % 4) * 15} minutos`,
      description: `Procedimiento número ${i + 1} de la clínica, con revisión previa, materiales incluidos y una cita de control sin costo dentro de los siguientes treinta días.`,
    })),
    faqs: Array.from({ length: 60 }, (_, i) => ({
      question: `¿Pregunta frecuente número ${i + 1} sobre horarios, pagos o estacionamiento?`,
      answer: `Respuesta ${i + 1}: aceptamos tarjeta, efectivo y transferencia; hay estacionamiento gratuito para pacientes y atendemos de lunes a sábado con cita previa.`,
    })),
  };
}
