import type { BenchStack } from './bench-stack';
import type { LoadRequest, LoadSample } from './http-load';
import { percentile, round } from './measure';
import { tenants } from './seed-bench-tenants';
import { createDeliveryMix, type Delivery } from './whatsapp-deliveries';

// What the webhook benches load, all with the same signed delivery mix: the empty route of the
// same build (what Next.js itself costs), the bare node:http server (verify + one insert), the
// real WhatsApp route for a tenant with AI replies and for one with AI off (the ack path
// without the reply jobs that after() starts), and the platform app's route for a tenant with
// AI off.

export type TargetName = 'empty' | 'bare' | 'webhookNoAi' | 'webhookAi' | 'webhookPlatform';
export type Target = { name: string; baseUrl: string; path: string; tenant: keyof typeof tenants };

export function webhookTargets(stack: BenchStack): Record<TargetName, Target> {
  const route = (tenant: keyof typeof tenants) => `/api/webhook/whatsapp/${tenants[tenant].slug}`;
  return {
    empty: { name: 'empty route', baseUrl: stack.app.baseUrl, path: '/api/bench/empty', tenant: 'ai' },
    bare: { name: 'bare node:http', baseUrl: stack.bare.baseUrl, path: '/', tenant: 'ai' },
    webhookNoAi: { name: 'webhook, AI off', baseUrl: stack.app.baseUrl, path: route('noAi'), tenant: 'noAi' },
    webhookAi: { name: 'webhook, AI replies', baseUrl: stack.app.baseUrl, path: route('ai'), tenant: 'ai' },
    webhookPlatform: {
      name: 'app-level webhook /api/webhook/meta, AI off',
      baseUrl: stack.app.baseUrl,
      path: '/api/webhook/meta',
      tenant: 'platform',
    },
  };
}

/** Deliveries for one load; `sent` keeps each one by request index. `run` keeps people new. */
export function deliveriesFor(stack: BenchStack, target: Target, run: number) {
  const mix = createDeliveryMix({
    path: target.path,
    phoneNumberId: tenants[target.tenant].phoneNumberId,
    secret: tenants[target.tenant].secret,
    run,
    recentSentId: stack.graph.recentSentId,
  });
  const sent: Delivery[] = [];
  const next = (index: number): LoadRequest => {
    const delivery = mix.next();
    sent[index] = delivery;
    return { ...delivery, path: target.path };
  };
  return { next, sent };
}

/** Answers that are not a 200 with {"ok":true…}. */
export function failures(samples: LoadSample[]): number {
  return samples.filter((sample) => sample.status !== 200 || !sample.body.startsWith('{"ok":true')).length;
}

export function latency(samples: LoadSample[], p: number): number {
  return round(
    percentile(
      samples.map((sample) => sample.latencyMs),
      p,
    ),
  );
}
