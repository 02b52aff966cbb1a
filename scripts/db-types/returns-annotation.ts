import ts from 'typescript';

// A jsonb result's shape is not in the catalog, so the function's COMMENT states it:
// `@returns <TypeScript type>` (to the end of the comment). The generator emits it as the result
// type, so the shape lives with the SQL that builds it.

const tag = /@returns\s+([\s\S]+)$/;

export function returnsAnnotation(comment: string | null): string | undefined {
  const match = comment ? tag.exec(comment) : null;
  return match?.[1]?.trim();
}

/** Syntax errors of the annotation read as one TypeScript type; empty when it parses. */
export function typeSyntaxErrors(typeText: string): string[] {
  const code = `type Returns = ${typeText};`;
  const { diagnostics = [] } = ts.transpileModule(code, { reportDiagnostics: true });
  const errors = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const source = ts.createSourceFile('returns.ts', code, ts.ScriptTarget.ES2022);
  if (errors.length === 0 && source.statements.length !== 1) errors.push('more than one type');
  return errors;
}
