import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup } from './webhook-url-policy';

// One POST to a business's endpoint: its own timeout, no redirect followed (a 3xx is a failure:
// following it could lead inside our network), and only the first bytes of the answer read (a
// short snippet for the delivery log; the rest is dropped).

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

const snippetBytes = 200;

export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowLocalhost: boolean },
): Promise<PostResult> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        lookup: guardedLookup(options.allowLocalhost),
        timeout: options.timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < snippetBytes) chunks.push(chunk);
          size += chunk.length;
          if (size >= snippetBytes) res.destroy();
        });
        const done = () => {
          if (status >= 200 && status < 300) return finish({ ok: true, status });
          const snippet = Buffer.concat(chunks)
            .toString('utf8')
            .slice(0, snippetBytes)
            .replace(/\s+/g, ' ')
            .trim();
          const why = status >= 300 && status < 400 ? 'redirect not followed' : `HTTP ${status}`;
          finish({ ok: false, status, error: snippet ? `${why}: ${snippet}` : why });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    // The socket's idle timeout, and a total one: a receiver trickling bytes cannot hold the job.
    const timedOut = () => {
      req.destroy();
      finish({ ok: false, status: null, error: `timed out after ${options.timeoutMs} ms` });
    };
    req.on('timeout', timedOut);
    const total = setTimeout(timedOut, options.timeoutMs);
    total.unref?.();
    req.on('close', () => clearTimeout(total));
    req.on('error', (error) => finish({ ok: false, status: null, error: error.message.slice(0, 200) }));
    req.end(body);
  });
}
