import { metaPlatformApp } from './meta/meta-platform-app';
import type { PlatformApp } from './platform-app';
import { tiktokPlatformApp } from './tiktok/tiktok-platform-app';

// The platforms whose own app may deliver for every tenant: /api/webhook/<name>.
const platformApps = { meta: metaPlatformApp, tiktok: tiktokPlatformApp } as const satisfies Record<
  string,
  PlatformApp
>;

export type PlatformName = keyof typeof platformApps;

export function platformApp(name: string): PlatformApp | undefined {
  return Object.hasOwn(platformApps, name) ? platformApps[name as PlatformName] : undefined;
}
