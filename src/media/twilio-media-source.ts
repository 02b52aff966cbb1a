import { basicAuthorization, readTwilioCredentials } from '@/src/channels/twilio/twilio-credentials';
import type { AppEnv } from '@/src/env';
import { downloadWithCap } from './download-with-cap';
import { fromDownload, type MediaFetchResult, reasons } from './media-fetch-result';
import { type MediaKind, maxBytesByKind } from './media-limits';

// Twilio media (PLATFORMS.md §5): MediaUrl{N} of the inbound webhook, on Twilio's API host,
// fetched with HTTP Basic auth (the account's credentials). Twilio answers with a redirect to a
// short-lived copy elsewhere: that hop is fetched without the credentials.

type TwilioMediaInput = {
  env: Pick<AppEnv, 'TWILIO_API_BASE_URL' | 'MEDIA_DOWNLOAD_TIMEOUT_MS'>;
  token: string;
  url: string;
  kind: MediaKind;
  signal?: AbortSignal;
};

export async function fetchTwilioMedia(input: TwilioMediaInput): Promise<MediaFetchResult> {
  const credentials = readTwilioCredentials(input.token);
  if (!credentials) return { kind: 'unavailable', reason: reasons.access };
  // Credentials only ever go to Twilio's own API host.
  if (new URL(input.url).origin !== new URL(input.env.TWILIO_API_BASE_URL).origin) {
    return { kind: 'unavailable', reason: reasons.gone };
  }
  return fromDownload(
    await downloadWithCap({
      url: input.url,
      headers: { authorization: basicAuthorization(credentials) },
      headersForFirstHostOnly: true,
      allowRedirectTo: () => true,
      maxBytes: maxBytesByKind[input.kind],
      timeoutMs: input.env.MEDIA_DOWNLOAD_TIMEOUT_MS,
      signal: input.signal,
    }),
    input.kind,
  );
}
