// A platform's error text with the secrets we sent cut out: Graph answers "Malformed access
// token <the token>", and that text reaches logs, the CLI and the dashboard.
export function withoutSecrets(text: string, secrets: (string | undefined)[]): string {
  return secrets.reduce<string>((out, secret) => (secret ? out.split(secret).join('[redacted]') : out), text);
}
