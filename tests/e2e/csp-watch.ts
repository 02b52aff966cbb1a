import type { Page, Response } from 'playwright-core';

// The page CSP in the browser: what a response's script-src says, and every violation the
// browser reports on a page (each document's securitypolicyviolation events, and Chromium's
// "Refused to …" console messages), so a test can say none happened.

export function scriptSrc(response: Response | null): string {
  const csp = response?.headers()['content-security-policy'] ?? '';
  return (
    csp
      .split(';')
      .find((directive) => directive.trim().startsWith('script-src '))
      ?.trim() ?? ''
  );
}

/** A nonce and 'strict-dynamic', never 'unsafe-inline'. */
export function isNonceScriptSrc(directive: string): boolean {
  return (
    /'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'/.test(directive) && !directive.includes("'unsafe-inline'")
  );
}

export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void })
        .__reportCspViolation;
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.documentURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(`console: ${message.text()}`);
  });
  return violations;
}
