// The JSON body of every refused webhook request: a stable code and a safe sentence.
export function webhookErrorResponse(status: number, error: string, message: string): Response {
  return Response.json({ ok: false, error, message }, { status, headers: { 'cache-control': 'no-store' } });
}
