import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../fixtures');

/** A fixture's exact text (the bytes a platform would POST). */
export function fixtureText(channel: string, name: string): string {
  return readFileSync(path.join(root, channel, `${name}.json`), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(channel: string, name: string): T {
  return JSON.parse(fixtureText(channel, name)) as T;
}
