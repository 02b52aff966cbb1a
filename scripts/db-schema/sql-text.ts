// Small helpers for writing SQL text: quoting and a stable sort that ignores the locale.

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function commentStatement(target: string, comment: string | null): string[] {
  return comment === null ? [] : [`comment on ${target} is ${quoteLiteral(comment)};`];
}
