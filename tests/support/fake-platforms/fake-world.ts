// What the fake Meta and TikTok know: which token can see which account. Tests build one, the
// fake servers answer from it, and record every side effect (subscribe, register) to assert on.

export type FakeWorld = {
  meta: {
    appId: string;
    appSecret: string;
    /** Embedded Signup codes (single use) → business token. */
    signupCodes: Record<string, string>;
    /** Facebook Login short-lived user token → long-lived one. */
    userTokens: Record<string, string>;
    wabas: Record<string, { phoneNumbers: string[] }>;
    phoneNumbers: Record<
      string,
      { display_phone_number: string; verified_name: string; quality_rating: string; pin?: string }
    >;
    pages: Record<string, { name: string; token: string; instagram?: { id: string; username: string } }>;
    /** Business, user and Instagram Login tokens: what each may see. */
    tokens: Record<string, { wabas?: string[]; pages?: string[]; instagramUser?: string }>;
  };
  tiktok: {
    clientKey: string;
    clientSecret: string;
    codes: Record<string, { openId: string; accessToken: string; refreshToken: string }>;
    businesses: Record<string, { displayName: string; tokens: string[] }>;
  };
};

export type FakeRecord = {
  subscribedWabas: string[];
  registered: { phoneNumberId: string; pin: string }[];
  subscribedPages: { pageId: string; fields: string }[];
  tiktokExchanges: { auth_code: string; redirect_uri: string }[];
};

export function emptyRecord(): FakeRecord {
  return { subscribedWabas: [], registered: [], subscribedPages: [], tiktokExchanges: [] };
}
