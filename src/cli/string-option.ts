// parseArgs types every option value as string | boolean | undefined; an option declared
// `type: 'string'` is a string when given. Narrowed here for SQL arguments (absent → NULL).
export function stringOption(value: string | boolean | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
