import type { FakeWorld } from './fake-world';

// Two businesses on Meta and TikTok: Tacos (ours in the tests) and a rival whose ids a tenant
// might try to claim with its own token.
export function sampleWorld(): FakeWorld {
  return {
    meta: {
      appId: '1234567890',
      appSecret: 'platform-meta-app-secret',
      signupCodes: { 'es-code-1': 'EAAB-business-token-tacos', 'es-code-coex': 'EAAB-business-token-coex' },
      userTokens: { 'EAAB-short-user-token': 'EAAB-long-user-token' },
      wabas: {
        '102290129340398': { phoneNumbers: ['106540352242922'] },
        '102290129349999': { phoneNumbers: ['106540352249999'] },
        '102290129340777': { phoneNumbers: ['106540352240777'] },
      },
      phoneNumbers: {
        '106540352242922': {
          display_phone_number: '+52 55 1234 5678',
          verified_name: 'Tacos El Gordo',
          quality_rating: 'GREEN',
        },
        '106540352249999': {
          display_phone_number: '+52 55 9999 9999',
          verified_name: 'Rival',
          quality_rating: 'GREEN',
        },
        '106540352240777': {
          display_phone_number: '+52 55 7777 7777',
          verified_name: 'Coex Café',
          quality_rating: 'YELLOW',
          pin: '111111',
        },
      },
      pages: {
        '555000111': {
          name: 'Tacos El Gordo',
          token: 'EAAB-page-token-tacos',
          instagram: { id: '17841400000000111', username: 'tacoselgordo' },
        },
        '555000999': { name: 'Rival Page', token: 'EAAB-page-token-rival' },
      },
      tokens: {
        'EAAB-business-token-tacos': { wabas: ['102290129340398'] },
        'EAAB-business-token-rival': { wabas: ['102290129349999'] },
        'EAAB-business-token-coex': { wabas: ['102290129340777'] },
        'EAAB-long-user-token': { pages: ['555000111'] },
        'IGAA-login-token-tacos': { instagramUser: '17841400000000111' },
      },
    },
    tiktok: {
      clientKey: 'tt-client-key',
      clientSecret: 'platform-tiktok-client-secret',
      codes: {
        'tt-auth-code-1': {
          openId: 'tt-business-tacos',
          accessToken: 'act.tacos-access',
          refreshToken: 'rft.tacos-refresh',
        },
      },
      businesses: {
        'tt-business-tacos': { displayName: 'TacosGordo', tokens: ['act.tacos-access'] },
        'tt-business-rival': { displayName: 'Rival', tokens: ['act.rival-access'] },
      },
    },
  };
}
