import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import type { AiContext } from '../ai-context';
import type { AiReply } from '../ai-reply-schema';
import type { AiUsage } from '../ai-usage';
import type { AppointmentCatalog, ToolActor, ToolCallRecord } from '../appointment-tools';
import type { MediaParts } from '../media-blocks';
import type { AiProviderName } from '../model-allowlist';

// One interface for the models that write replies (issue 17 §3): Claude and OpenAI take the same
// context, tools and files, and give back the same validated reply, with the model that wrote it,
// the tools it ran and what it cost. A failure is thrown as an AiFailure (src/ai/ai-failure.ts)
// or an error classifyAiError understands.

export type ReplyTools = { db: DbPort; actor: ToolActor; catalog: AppointmentCatalog };

export type ReplyOptions = {
  signal?: AbortSignal;
  /** Epoch ms by which the reply must be recorded (the job's timeout). */
  deadline?: number;
  tools?: ReplyTools;
  media?: MediaParts;
};

export type ProviderReply = AiReply & { model: string; toolCalls: ToolCallRecord[]; usage: AiUsage };

export type AiProvider = {
  name: AiProviderName;
  /** What the message is marked with: generated_by. */
  generatedBy: 'claude' | 'openai';
  isConfigured(env: AppEnv): boolean;
  generateReply(context: AiContext, env: AppEnv, options: ReplyOptions): Promise<ProviderReply>;
};
