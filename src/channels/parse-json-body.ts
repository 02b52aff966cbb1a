import { AppError } from '@/src/shared/app-error';

// JSON from the verified raw bytes. Real payloads nest a few levels; a deeply nested body
// would only exhaust stacks (ours or PostgreSQL's), so it is refused as malformed.

const maxDepth = 64;

function depthWithin(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return false;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}

export function parseJsonBody(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'body is not valid JSON');
  }
  if (!depthWithin(parsed, maxDepth)) throw new AppError('bad_request', 'body nests too deeply');
  return parsed;
}
