// An error answer of the OpenAI API ({"error": {"message", "type", "param", "code"}}), or no
// answer at all (network, timeout). classifyAiError decides whether trying again can help:
// 429 is, except `insufficient_quota` (the account is out of credit: waiting does not help).

export class OpenAiError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly type: string,
    readonly code: string | null,
    readonly retryAfterMs?: number,
    readonly requestId?: string,
  ) {
    super(`OpenAI ${status === undefined ? type : `HTTP ${status} ${code ?? type}`}`);
    this.name = 'OpenAiError';
  }

  /** Worth another try: no answer, 408, 409, 429 (not out of credit) and 5xx. */
  get retryable(): boolean {
    if (this.status === undefined) return this.type !== 'aborted';
    if (this.status === 429) return this.code !== 'insufficient_quota';
    return this.status === 408 || this.status === 409 || this.status >= 500;
  }
}
