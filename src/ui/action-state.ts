// What a server action hands back to its form: already-localised, safe text only.
export type ActionState =
  | { status: 'idle' }
  // `data`: what a client-driven step needs next (e.g. the Pages to choose from); never secrets.
  | { status: 'ok'; notice: string; lines?: string[]; data?: Record<string, unknown> }
  | { status: 'error'; message: string; fields: string[] };
