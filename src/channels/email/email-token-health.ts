import { requestPlatformJson } from '@/src/channels/platform-json-request';
import { PlatformUnavailableError, type TokenHealthCheck } from '@/src/channels/token-health-types';

// The daily check of the Postmark server token: GET /server answers 401 when the token no
// longer works (https://postmarkapp.com/developer/api/server-api). Nothing expires or refreshes.
export const emailTokenHealth: TokenHealthCheck = {
  async inspect({ accessToken, env, signal }) {
    const response = await requestPlatformJson(
      {
        method: 'GET',
        url: `${env.POSTMARK_API_BASE_URL}/server`,
        headers: { accept: 'application/json', 'x-postmark-server-token': accessToken },
      },
      { timeoutMs: env.SEND_REQUEST_TIMEOUT_MS, signal, platform: 'Postmark' },
    );
    if (response.status === 401 || response.status === 403) {
      return { valid: false, reason: 'Postmark no acepta la clave del servidor' };
    }
    if (response.status >= 500 || response.status === 429) {
      throw new PlatformUnavailableError(`Postmark answered HTTP ${response.status}`);
    }
    return { valid: response.status < 400, tokenExpiresAt: null };
  },
};
