import { type Channel, channelAdapter } from './channel-registry';
import type { ChoiceLimits, ChoiceStyleLimits } from './choice-limits';
import { fitTextToChannel } from './fit-text-to-channel';
import { withNumberedChoices } from './numbered-choices';
import type { ChoicesContent } from './outbound-content';
import { fitTextToLimit } from './text-limit';

// The AI's (or the services menu's) choices made to fit the conversation's channel. This never
// fails a reply: too many buttons become a list, a long title is shortened at a word (the full
// wording then goes into the words above the taps), and what still cannot be shown as taps is
// sent as a numbered text. The result's `text` is the readable version stored on the message.

export type ChoiceDraft = { title: string; description?: string; id?: string };
export type ChoicesRequest = {
  style: 'buttons' | 'list';
  choices: readonly ChoiceDraft[];
  /** The list's button label; the caller's default in the tenant's language. */
  listButton: string;
};
export type FittedReply = { text: string; content: ChoicesContent | null };

const ellipsis = '…';
const length = (text: string) => Array.from(text).length;

/** Cut to `max` characters at a word where one is near, marking the cut with "…". */
export function shortenAtWord(text: string, max: number): string {
  if (length(text) <= max) return text;
  const cut = Array.from(text)
    .slice(0, max - 1)
    .join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}${ellipsis}`;
}

function cleanDrafts(drafts: readonly ChoiceDraft[]): Required<ChoiceDraft>[] {
  const seen = new Set<string>();
  const clean: Required<ChoiceDraft>[] = [];
  for (const draft of drafts) {
    const title = draft.title.replace(/\s+/g, ' ').trim();
    const key = title.toLocaleLowerCase();
    if (!title || seen.has(key)) continue;
    seen.add(key);
    clean.push({
      title,
      description: (draft.description ?? '').replace(/\s+/g, ' ').trim(),
      id: draft.id?.trim() || `choice-${clean.length + 1}`,
    });
  }
  return clean;
}

/** The style a number of choices needs: more than the buttons allow becomes a list. */
export function styleFor(
  count: number,
  wanted: 'buttons' | 'list',
  limits: ChoiceLimits,
): 'buttons' | 'list' {
  return wanted === 'buttons' && count <= limits.buttons.maxChoices ? 'buttons' : 'list';
}

function fitToStyle(
  words: string,
  drafts: Required<ChoiceDraft>[],
  style: 'buttons' | 'list',
  limits: ChoiceStyleLimits,
  listButton: string,
  readable: string,
): ChoicesContent | null {
  let altered = false;
  const choices = drafts.map((draft) => {
    const title = shortenAtWord(draft.title, limits.title);
    const description = limits.description ? shortenAtWord(draft.description, limits.description) : '';
    if (title !== draft.title || description !== draft.description) altered = true;
    return {
      id: Array.from(draft.id).slice(0, limits.id).join(''),
      title,
      ...(description ? { description } : {}),
    };
  });
  // Two titles shortened to the same words could not be told apart by a tap.
  if (new Set(choices.map((choice) => choice.title.toLocaleLowerCase())).size < choices.length) return null;
  const body = altered ? readable : words;
  if (length(body) > limits.body) return null;
  return {
    kind: 'choices',
    style,
    body,
    choices,
    ...(style === 'list' && limits.listButton
      ? { listButton: shortenAtWord(listButton, limits.listButton) }
      : {}),
  };
}

export function fitChoicesToChannel(
  words: string,
  request: ChoicesRequest | null,
  channel: Channel,
): FittedReply {
  const fittedWords = fitTextToChannel(words, channel);
  const limits = channelAdapter(channel).choices;
  const drafts = request ? cleanDrafts(request.choices).slice(0, limits.list.maxChoices) : [];
  if (!request || drafts.length === 0 || !fittedWords) return { text: fittedWords, content: null };
  const { textLimit } = channelAdapter(channel);
  let shownWords = fittedWords;
  let readable = withNumberedChoices(shownWords, drafts);
  if (fitTextToChannel(readable, channel) !== readable) {
    // Keep every option readable: shorten the words before them instead.
    const room = textLimit.max - (readable.length - shownWords.length) - 1;
    if (room < 40) return { text: fitTextToChannel(readable, channel), content: null };
    shownWords = fitTextToLimit(shownWords, { ...textLimit, max: room });
    readable = withNumberedChoices(shownWords, drafts);
    if (fitTextToChannel(readable, channel) !== readable) {
      return { text: fitTextToChannel(readable, channel), content: null };
    }
  }
  const style = styleFor(drafts.length, request.style, limits);
  const content =
    fitToStyle(shownWords, drafts, style, limits[style], request.listButton, readable) ??
    // Buttons whose words are too long for them (WhatsApp: 1024) may still fit as a list.
    (style === 'buttons'
      ? fitToStyle(shownWords, drafts, 'list', limits.list, request.listButton, readable)
      : null);
  return { text: readable, content };
}
