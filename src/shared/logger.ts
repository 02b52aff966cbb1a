import { getEnv } from '@/src/env';
import { errorLogListener } from '@/src/shared/error-log-listener';
import { isSensitiveKey } from '@/src/shared/redact-sensitive';

// Structured JSON lines. Values under keys that can carry secrets or customer data are
// replaced unless the line is at debug level.
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const rank: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function redact(fields: Fields, level: Level): Fields {
  if (level === 'debug') return fields;
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (isSensitiveKey(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message };
    else out[key] = value;
  }
  return out;
}

function write(level: Level, event: string, fields: Fields = {}): void {
  // The error tracker hears every error line, whatever LOG_LEVEL says.
  const errorListener = errorLogListener();
  if (level === 'error' && errorListener) {
    try {
      errorListener(event, fields);
    } catch {
      // Reporting must never break the code that logs.
    }
  }
  const threshold = rank[getEnv().LOG_LEVEL];
  if (rank[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...redact(fields, level) });
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (event: string, fields?: Fields) => write('debug', event, fields),
  info: (event: string, fields?: Fields) => write('info', event, fields),
  warn: (event: string, fields?: Fields) => write('warn', event, fields),
  error: (event: string, fields?: Fields) => write('error', event, fields),
};
