import type Anthropic from '@anthropic-ai/sdk';
import type { AppEnv } from '@/src/env';
import type { AiContext } from '../ai-context';
import { aiReplyFormat } from '../ai-reply-schema';
import { type AppointmentCatalog, appointmentTools } from '../appointment-tools';
import { buildClaudeRequest } from '../build-claude-request';
import type { MediaParts } from '../media-blocks';
import { replyModel } from '../model-allowlist';
import { systemText } from '../prompt-cache';

// The Responses API request for one reply (PLATFORMS-2.md §7), built from the same parts as
// Claude's: the same instructions (tenant prompt, knowledge, rules, clock), the same turns with
// images (input_image, a data URL) and PDFs (input_file, base64 file_data), the same result
// schema as a strict json_schema in `text.format` (not response_format), and the same
// appointment tools as strict function tools (flat: name, description, parameters).
// store:false: customers' conversations are not kept by OpenAI for later requests.

export type ResponsesInputItem =
  | { role: 'user' | 'assistant'; content: string | ResponsesContentPart[] }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string };

type ResponsesContentPart =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'auto' }
  | { type: 'input_file'; filename: string; file_data: string };

export type ResponsesRequest = {
  model: string;
  instructions: string;
  input: ResponsesInputItem[];
  max_output_tokens: number;
  store: false;
  text: { format: { type: 'json_schema'; name: string; strict: true; schema: unknown } };
  tools?: { type: 'function'; name: string; description: string; parameters: unknown; strict: true }[];
  tool_choice?: 'auto' | 'none';
};

/** Strict mode wants a type beside every enum; zod's enums come without one. */
function withEnumTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withEnumTypes);
  if (!schema || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema).map(([key, value]) => [key, withEnumTypes(value)] as const);
  const node = Object.fromEntries(entries) as Record<string, unknown>;
  if (Array.isArray(node.enum) && node.type === undefined && node.enum.every((v) => typeof v === 'string'))
    node.type = 'string';
  return node;
}

const replySchema = withEnumTypes(aiReplyFormat.schema);
const functionTools = appointmentTools.map((tool) => ({
  type: 'function' as const,
  name: tool.name,
  description: tool.description ?? '',
  parameters: withEnumTypes(tool.input_schema),
  strict: true as const,
}));

function contentPart(block: Anthropic.ContentBlockParam): ResponsesContentPart | undefined {
  if (block.type === 'text') return { type: 'input_text', text: block.text };
  if (block.type === 'image' && block.source.type === 'base64')
    return {
      type: 'input_image',
      image_url: `data:${block.source.media_type};base64,${block.source.data}`,
      detail: 'auto',
    };
  if (
    block.type === 'document' &&
    block.source.type === 'base64' &&
    block.source.media_type === 'application/pdf'
  )
    return {
      type: 'input_file',
      filename: 'documento.pdf',
      file_data: `data:application/pdf;base64,${block.source.data}`,
    };
  return undefined;
}

function inputOf(turn: Anthropic.MessageParam): ResponsesInputItem {
  const role = turn.role === 'assistant' ? 'assistant' : 'user';
  if (typeof turn.content === 'string') return { role, content: turn.content };
  if (role === 'assistant') {
    // Our own earlier replies: words only.
    const text = turn.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
    return { role: 'assistant', content: text };
  }
  const parts = turn.content.map(contentPart).filter((part) => part !== undefined);
  return { role: 'user', content: parts };
}

export function buildOpenAiRequest(
  context: AiContext,
  env: AppEnv,
  maxTokens: number,
  catalog: AppointmentCatalog = [],
  media?: MediaParts,
): ResponsesRequest {
  const claude = buildClaudeRequest(context, env, maxTokens, catalog, media);
  return {
    model: replyModel(env, context.ai.model, 'openai'),
    instructions: systemText(claude.system),
    input: claude.messages.map(inputOf),
    max_output_tokens: maxTokens,
    store: false,
    text: { format: { type: 'json_schema', name: 'ai_reply', strict: true, schema: replySchema } },
    ...(catalog.length ? { tools: functionTools, tool_choice: 'auto' as const } : {}),
  };
}
