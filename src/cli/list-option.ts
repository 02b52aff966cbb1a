import { AppError } from '@/src/shared/app-error';

// "A, B" → ['A', 'B'] (absent → undefined); "45" → 45, refusing what is not a number.

export function listOption(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function numberOption(value: string | boolean | undefined, name: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const number = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new AppError('bad_request', `--${name} must be a number, not "${value}"`);
  }
  return number;
}
