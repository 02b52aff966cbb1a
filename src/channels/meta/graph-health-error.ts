import { PlatformUnavailableError, TokenRejectedError } from '@/src/channels/token-health-types';
import { describeGraphError, parseGraphError } from './graph-error';

// A Graph error during a health check: 190 (invalid or expired token) and permission errors
// (10, 200-299) need staff; throttling codes are retried; anything else fails the check only.

const throttled = new Set([1, 2, 4, 17, 32, 613, 80001, 80002, 80006]);

export function throwGraphHealthError(status: number, body: unknown, what: string): never {
  const error = parseGraphError(body);
  const described = `${what}: ${describeGraphError(error, status)}`;
  const code = error?.code;
  if (code === 190 || code === 102) throw new TokenRejectedError(described);
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
    throw new TokenRejectedError(described);
  if (code !== undefined && throttled.has(code)) throw new PlatformUnavailableError(described);
  throw new Error(described);
}
