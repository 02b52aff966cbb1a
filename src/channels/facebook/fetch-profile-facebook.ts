import { z } from 'zod';
import { classifyMetaMessagingError } from '@/src/channels/meta/meta-messaging-errors';
import type { ProfileFetcher } from '@/src/channels/profile-types';

// Messenger User Profile API (PLATFORMS.md 3.5): GET /{PSID}?fields=first_name,last_name,profile_pic
// with the Page token.

const profileSchema = z.object({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  profile_pic: z.string().optional(),
});

export const facebookProfileFetcher: ProfileFetcher = {
  buildRequest(psid, _account, accessToken, env) {
    const fields = encodeURIComponent('first_name,last_name,profile_pic');
    return {
      method: 'GET',
      url: `${env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(psid)}?fields=${fields}`,
      headers: { authorization: `Bearer ${accessToken}` },
    };
  },
  readResponse(status, body) {
    const parsed = profileSchema.safeParse(body);
    if (status >= 200 && status < 300 && parsed.success) {
      const name = [parsed.data.first_name, parsed.data.last_name].filter(Boolean).join(' ').trim();
      return {
        ok: true,
        profile: { name: name || null, username: null, pictureUrl: parsed.data.profile_pic ?? null },
      };
    }
    return { ok: false, failure: classifyMetaMessagingError('Messenger', status, body, {}) };
  },
};
