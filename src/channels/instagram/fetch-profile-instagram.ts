import { z } from 'zod';
import { classifyMetaMessagingError } from '@/src/channels/meta/meta-messaging-errors';
import type { ProfileFetcher } from '@/src/channels/profile-types';

// Instagram user profile (PLATFORMS.md 3.5): GET /{IGSID}?fields=name,username,profile_pic, through
// graph.facebook.com with a Page token, or graph.instagram.com with an Instagram Login token.
// `name` may be null; the picture URL expires after a few days.

const profileSchema = z.object({
  name: z.string().nullish(),
  username: z.string().nullish(),
  profile_pic: z.string().nullish(),
});

export const instagramProfileFetcher: ProfileFetcher = {
  buildRequest(igsid, account, accessToken, env) {
    const base = account.page_id ? env.GRAPH_API_BASE_URL : env.INSTAGRAM_API_BASE_URL;
    const fields = encodeURIComponent('name,username,profile_pic');
    return {
      method: 'GET',
      url: `${base}/${env.GRAPH_API_VERSION}/${encodeURIComponent(igsid)}?fields=${fields}`,
      headers: { authorization: `Bearer ${accessToken}` },
    };
  },
  readResponse(status, body) {
    const parsed = profileSchema.safeParse(body);
    if (status >= 200 && status < 300 && parsed.success) {
      const { name, username, profile_pic: picture } = parsed.data;
      return {
        ok: true,
        profile: { name: name || username || null, username: username ?? null, pictureUrl: picture ?? null },
      };
    }
    return { ok: false, failure: classifyMetaMessagingError('Instagram', status, body, {}) };
  },
};
