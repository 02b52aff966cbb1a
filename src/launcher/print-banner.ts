import { channelNames } from '@/src/channels/channel-registry';
import type { AppEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { demoWhatsappCurl } from './demo-curl';

export function banner(env: AppEnv, embedded: boolean): string {
  const base = env.APP_BASE_URL ?? `http://localhost:${env.PORT}`;
  const lines = [
    '',
    `  Inbox AI (${env.appMode} mode, database: ${embedded ? 'embedded PostgreSQL' : 'configured'})`,
    `  Dashboard:   ${base}/`,
  ];
  if (env.appMode === 'local') {
    lines.push('  Demo webhook URLs (tenant esva-dental, sandbox mode):');
    for (const channel of channelNames)
      lines.push(`    ${channel.padEnd(9)} ${base}/api/webhook/${channel}/${demoTenant.slug}`);
    lines.push(`  Verify token: ${demoTenant.verifyToken}`);
    lines.push('  Send a signed test message:', '', demoWhatsappCurl(base), '');
  }
  return lines.join('\n');
}
