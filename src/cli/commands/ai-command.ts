import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { aiSettingsPatchSchema } from '@/src/ai/ai-settings-schema';
import { AppError } from '@/src/shared/app-error';
import type { Command } from '../command';
import { stringOption } from '../string-option';

function parseJson(label: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', `${label} is not valid JSON`);
  }
}

export const aiCommand: Command = {
  name: 'ai',
  summary: 'Show and tune a tenant’s AI settings',
  subcommands: {
    show: {
      summary: 'Show the AI settings',
      usage: 'ai show --tenant S',
      options: { tenant: { type: 'string' } },
      required: ['tenant'],
      async run({ db, values, print }) {
        const settings = await db.rpc('admin_get_ai_context', { p_tenant_slug: stringOption(values.tenant) });
        print(JSON.stringify(settings, null, 2), settings);
      },
    },
    set: {
      summary: 'Change AI settings (only the options given)',
      usage: [
        'ai set --tenant S [--system-prompt TEXT] [--response-style TEXT] [--model ID] [--max-tokens N]',
        '    [--temperature 0..1 (stored; not sent: API version 2026-10-21 rejects sampling parameters)]',
        '    [--fallback-message TEXT] [--escalation-keywords "a,b,c"]',
        '    [--escalate-after N|off] [--business-hours JSON] [--knowledge-file services-and-faqs.json]',
      ].join('\n'),
      options: {
        tenant: { type: 'string' },
        'system-prompt': { type: 'string' },
        'response-style': { type: 'string' },
        model: { type: 'string' },
        'max-tokens': { type: 'string' },
        temperature: { type: 'string' },
        'fallback-message': { type: 'string' },
        'escalation-keywords': { type: 'string' },
        'escalate-after': { type: 'string' },
        'business-hours': { type: 'string' },
        'knowledge-file': { type: 'string' },
      },
      required: ['tenant'],
      async run({ db, values, print }) {
        const text = (key: string) => values[key] as string | undefined;
        const number = (key: string) => (text(key) === undefined ? undefined : Number(text(key)));
        const escalateAfter = text('escalate-after');
        const raw = {
          system_prompt: text('system-prompt'),
          response_style: text('response-style'),
          model: text('model'),
          max_tokens: number('max-tokens'),
          temperature: number('temperature'),
          fallback_message: text('fallback-message'),
          escalation_keywords: text('escalation-keywords')
            ?.split(',')
            .map((word) => word.trim())
            .filter(Boolean),
          auto_escalate_after_messages:
            escalateAfter === undefined ? undefined : escalateAfter === 'off' ? null : Number(escalateAfter),
          business_hours: text('business-hours') && parseJson('--business-hours', text('business-hours')!),
          knowledge:
            text('knowledge-file') &&
            parseJson('--knowledge-file', readFileSync(text('knowledge-file')!, 'utf8')),
        };
        const patch = Object.fromEntries(
          Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
        );
        const parsed = aiSettingsPatchSchema.safeParse(patch);
        if (!parsed.success) throw new AppError('bad_request', z.prettifyError(parsed.error));
        if (Object.keys(parsed.data).length === 0) throw new AppError('bad_request', 'Nothing to change');
        const settings = await db.rpc('admin_update_ai_context', {
          p_tenant_slug: stringOption(values.tenant),
          p_patch: parsed.data,
        });
        print(`Updated AI settings of ${values.tenant}`, settings);
      },
    },
    limits: {
      summary: 'Set a tenant’s AI spend limits (tokens a month, AI answers per customer a day)',
      usage: [
        'ai limits --tenant S [--monthly-tokens N|default] [--daily-turns N|default]',
        '    0: no limit; default: AI_MONTHLY_TOKEN_BUDGET / AI_DAILY_TURNS_PER_CUSTOMER; not given: unchanged',
      ].join('\n'),
      options: {
        tenant: { type: 'string' },
        'monthly-tokens': { type: 'string' },
        'daily-turns': { type: 'string' },
      },
      required: ['tenant'],
      async run({ db, values, print }) {
        const slug = stringOption(values.tenant);
        const current = (await db.rpc('admin_get_ai_context', { p_tenant_slug: slug })) as {
          monthly_token_budget?: number | null;
          ai_turns_per_customer_per_day?: number | null;
        } | null;
        const limit = (key: string, now: number | null | undefined): number | null => {
          const text = values[key] as string | undefined;
          if (text === undefined) return now ?? null;
          if (text === 'default') return null;
          const value = Number(text);
          if (!Number.isSafeInteger(value) || value < 0)
            throw new AppError('bad_request', `--${key} must be a whole number, 0 or more, or "default"`);
          return value;
        };
        const limits = await db.rpc('admin_set_ai_limits', {
          p_tenant_slug: slug,
          p_monthly_token_budget: limit('monthly-tokens', current?.monthly_token_budget),
          p_turns_per_customer_per_day: limit('daily-turns', current?.ai_turns_per_customer_per_day),
        });
        print(`Updated AI limits of ${slug}`, limits);
      },
    },
  },
};
