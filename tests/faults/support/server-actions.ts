import { readFileSync } from 'node:fs';
import path from 'node:path';

// Server actions called over HTTP the way the React client calls them: POST to the page with
// the action's id in `Next-Action` and the arguments encoded as React's encodeReply does for
// (previousState, formData): FormData entries under "_1_<name>", the argument list as "0".

const root = path.resolve(import.meta.dirname, '../../..');

export type ActionRef = { id: string; page: string };

type Manifest = {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
};

/** Every server action of the build, by "file#export", with a page that serves it. */
export function readActions(): Map<string, ActionRef> {
  const manifest = JSON.parse(
    readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as Manifest;
  const actions = new Map<string, ActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    const worker = Object.keys(entry.workers).find(
      (name) => name.startsWith('app/') && name.endsWith('/page'),
    );
    if (!worker) continue;
    actions.set(`${entry.filename}#${entry.exportedName}`, { id, page: worker.slice(3, -'/page'.length) });
  }
  return actions;
}

export type ActionAnswer = { status: number; text: string; headers: Headers };

export async function callAction(
  baseUrl: string,
  action: ActionRef,
  form: Record<string, string>,
  options: {
    cookie?: string;
    params?: Record<string, string>;
    /** What the action takes: (previousState, formData), (formData) or nothing. */
    args?: 'state-form' | 'form' | 'none';
    state?: unknown;
  } = {},
): Promise<ActionAnswer> {
  let pathname = action.page || '/';
  for (const [name, value] of Object.entries(options.params ?? {})) {
    pathname = pathname.replace(`[${name}]`, encodeURIComponent(value));
  }
  const body = new FormData();
  for (const [name, value] of Object.entries(form)) body.append(`_1_${name}`, value);
  const args = options.args ?? 'state-form';
  const list =
    args === 'none' ? [] : args === 'form' ? ['$K1'] : [options.state ?? { status: 'idle' }, '$K1'];
  body.append('0', JSON.stringify(list));
  const response = await fetch(`${baseUrl}${pathname}`, {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'next-action': action.id,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The ActionState an action returned, read from the flight payload. */
export function actionState(answer: ActionAnswer): { status: string; message?: string } | undefined {
  const match = /\{"status":"(ok|error|idle)"[^\n]*\}/.exec(answer.text);
  if (!match) return undefined;
  try {
    return JSON.parse(match[0]) as { status: string; message?: string };
  } catch {
    return { status: match[1]! };
  }
}
