import { HttpResponse } from 'msw';

// What a fake platform saw: every request kept whole, so tests check URL, headers and body.

export type CapturedRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
};

export async function captureRequest(request: Request): Promise<CapturedRequest> {
  const text = await request.clone().text();
  return {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers.entries()),
    body: text ? JSON.parse(text) : null,
  };
}

export function graphError(
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return HttpResponse.json(
    { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra } },
    { status },
  );
}
