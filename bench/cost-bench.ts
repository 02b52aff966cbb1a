import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AiContext } from '@/src/ai/ai-context';
import { createClaudeClient } from '@/src/ai/claude-client';
import { generateClaudeReply } from '@/src/ai/generate-claude-reply';
import { parseEnv } from '@/src/env';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import {
  createPromptCacheFake,
  type FakeUsage,
  largeKnowledge,
} from '../tests/support/anthropic-prompt-cache-fake';
import { type BenchRow, round } from './measure';

// Cost with caching (issue 19): two turns of one conversation through the real request builder
// and client, against a fake Messages API that bills its prompt cache as Anthropic documents:
// the cached prefix is written on turn 1 (cache_creation_input_tokens, 1.25x the input price
// for the 5-minute cache) and read on turn 2 (cache_read_input_tokens, 0.1x). The ratio is of
// billed input tokens (output is the same with or without caching). Token counts are the fake's
// estimate (4 characters a token); the ratios are what matters. A clinic with a large FAQ passes
// every model's minimum cacheable length; the demo tenant's short prompt does not (row below).

const cacheWrite = 1.25;
const cacheRead = 0.1;
const minimumTokens = 1024;

function billed(usage: FakeUsage): number {
  return (
    usage.input_tokens +
    cacheWrite * usage.cache_creation_input_tokens +
    cacheRead * usage.cache_read_input_tokens
  );
}

function uncached(usage: FakeUsage): number {
  return usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
}

async function startFakeAnthropic() {
  const usageFor = createPromptCacheFake({ minimumTokens, outputTokens: 95 });
  const usages: FakeUsage[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const usage = usageFor(body);
      usages.push(usage);
      const reply = {
        reply: 'Claro, con gusto.',
        intent: 'question',
        signals: [],
        escalate: false,
        escalation_reason: '',
      };
      response.writeHead(200, {
        'content-type': 'application/json',
        'request-id': `req_${randomUUID().slice(0, 8)}`,
      });
      response.end(
        JSON.stringify({
          id: `msg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [{ type: 'text', text: JSON.stringify(reply) }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    usages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function context(knowledge: AiContext['ai']['knowledge'], turn: 1 | 2): AiContext {
  const now = new Date();
  const message = (id: string, sender: 'lead' | 'ai', text: string, secondsAgo: number) => ({
    id,
    direction: sender === 'lead' ? ('inbound' as const) : ('outbound' as const),
    sender,
    message_type: 'text',
    text,
    created_at: new Date(now.getTime() - secondsAgo * 1000),
    deleted: false,
  });
  const history =
    turn === 1
      ? [message('m1', 'lead', 'Hola, ¿cuánto cuesta una limpieza?', 60)]
      : [
          message('m1', 'lead', 'Hola, ¿cuánto cuesta una limpieza?', 60),
          message('m2', 'ai', 'La limpieza cuesta MXN 800. ¿Te agendo una cita?', 50),
          message('m3', 'lead', '¿Y tienen estacionamiento?', 5),
        ];
  return {
    found: true,
    now,
    tenant: { id: 'bench', name: 'Clínica Dental Esva', timezone: 'America/Mexico_City', locale: 'es-MX' },
    ai: {
      system_prompt: demoAiContext.system_prompt,
      business_hours: {},
      response_style: 'friendly',
      temperature: 0.7,
      ai_provider: 'anthropic',
      ai_provider_fallback: false,
      max_tokens: 600,
      model: null,
      escalation_keywords: [],
      auto_escalate_after_messages: null,
      fallback_message: 'Gracias por escribirnos.',
      knowledge,
      media_turn_byte_budget: 8_388_608,
      voice_without_transcript: 'ask_to_write',
    },
    conversation: {
      id: 'bench-conversation',
      channel: 'whatsapp',
      status: 'active',
      handled_by: 'ai',
      escalated_at: null,
      last_inbound_at: now,
    },
    lead: {
      id: 'bench-lead',
      name: null,
      score: 50,
      classification: 'warm',
      origin_channel: 'whatsapp',
      created_at: now,
    },
    connection: { mode: 'live', status: 'connected', ai_enabled: true },
    latest_inbound: { id: turn === 1 ? 'm1' : 'm3', created_at: now },
    answered: false,
    inbound_count: turn,
    history,
  };
}

async function twoTurns(url: string, knowledge: AiContext['ai']['knowledge']): Promise<void> {
  const env = parseEnv({ ANTHROPIC_API_KEY: 'sk-ant-bench', ANTHROPIC_BASE_URL: url, AI_MAX_RETRIES: '0' });
  const client = createClaudeClient(env);
  await generateClaudeReply(client, context(knowledge, 1), env);
  await generateClaudeReply(client, context(knowledge, 2), env);
}

export async function runCostBench(): Promise<BenchRow[]> {
  const fake = await startFakeAnthropic();
  try {
    await twoTurns(fake.url, largeKnowledge());
    const [first, second] = fake.usages as [FakeUsage, FakeUsage];
    await twoTurns(fake.url, demoAiContext.knowledge as AiContext['ai']['knowledge']);
    const demo = fake.usages[2]!;
    const note = `billed input tokens = input + ${cacheWrite} x cache write + ${cacheRead} x cache read (Anthropic's 5-minute cache prices); baseline = the same prompt without caching; tokens estimated at 4 characters each by the fake`;
    return [
      {
        suite: 'cost',
        metric: 'turn 1 prompt, billed (cache written)',
        value: round(billed(first), 0),
        unit: 'tokens',
        baseline: uncached(first),
        baselineName: 'uncached',
        ratio: round(billed(first) / uncached(first)),
        note,
      },
      {
        suite: 'cost',
        metric: 'turn 2 prompt, billed (cache read)',
        value: round(billed(second), 0),
        unit: 'tokens',
        baseline: uncached(second),
        baselineName: 'uncached',
        ratio: round(billed(second) / uncached(second)),
        note,
      },
      {
        suite: 'cost',
        metric: 'cost with caching: turn 2 vs turn 1, billed',
        value: round(billed(second), 0),
        unit: 'tokens',
        baseline: round(billed(first), 0),
        baselineName: 'turn 1',
        ratio: round(billed(second) / billed(first)),
        note,
      },
      {
        suite: 'cost',
        metric: 'demo tenant prompt (below the cacheable minimum: not cached)',
        value: uncached(demo),
        unit: 'tokens',
        baseline: minimumTokens,
        baselineName: 'minimum',
        ratio: round(uncached(demo) / minimumTokens),
        note,
      },
    ];
  } finally {
    await fake.close();
  }
}
