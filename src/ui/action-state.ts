// What a server action hands back to its form: already-localised, safe text only.
export type ActionState =
  | { status: 'idle' }
  | { status: 'ok'; notice: string; lines?: string[] }
  | { status: 'error'; message: string; fields: string[] };
