import type Anthropic from '@anthropic-ai/sdk';

// Prompt caching (Anthropic): a `cache_control: {type: "ephemeral"}` breakpoint caches the
// request's prefix up to it (tools, then system) for 5 minutes, refreshed on each use. The
// tenant's prompt, business, knowledge and rules are the same on every turn of a conversation,
// so they go first with the breakpoint; what changes each turn (the clock, hence "open now")
// comes after it, outside the cached prefix. A prefix shorter than the model's minimum
// (1,024 to 4,096 tokens depending on the model) is simply not cached: no error, no extra cost.
export function cachedSystem(stable: string, changing: string): Anthropic.TextBlockParam[] {
  return [
    { type: 'text', text: stable, cache_control: { type: 'ephemeral' } },
    { type: 'text', text: changing },
  ];
}

/** The system prompt as one text (tests, logs): the blocks joined as the model reads them. */
export function systemText(system: string | Anthropic.TextBlockParam[] | undefined): string {
  if (system === undefined) return '';
  return typeof system === 'string' ? system : system.map((block) => block.text).join('\n\n');
}
