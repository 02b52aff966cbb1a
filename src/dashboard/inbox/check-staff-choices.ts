import { z } from 'zod';
import { type Channel, channelAdapter, channelSchema } from '@/src/channels/channel-registry';
import { styleFor } from '@/src/channels/fit-choices';
import { fitTextToChannel } from '@/src/channels/fit-text-to-channel';
import { withNumberedChoices } from '@/src/channels/numbered-choices';
import type { ChoicesContent } from '@/src/channels/outbound-content';
import type { Messages } from '@/src/i18n/messages-es';

// A staff reply with options (the reply box's "Agregar opciones": one per line). Unlike the AI's,
// nothing is shortened for them: every option that does not fit the conversation's channel is
// refused before queueing, each problem named in the staff member's language. Up to the
// channel's button count they go as buttons, more as a list (WhatsApp also turns buttons whose
// text is longer than 1024 characters into a list).

export type StaffChoices = { channel: Channel; text: string; content: ChoicesContent };

const length = (text: string) => Array.from(text).length;

function formSchema(t: Messages['choices']) {
  return z
    .object({
      channel: channelSchema,
      text: z.string().trim().min(1, t.issues.textMissing),
      choices: z.string().transform((lines) =>
        lines
          .split('\n')
          .map((line) => line.replace(/\s+/g, ' ').trim())
          .filter(Boolean),
      ),
      listButton: z.string().trim().optional(),
    })
    .superRefine((form, ctx) => {
      const limits = channelAdapter(form.channel).choices;
      const channelName = t.channelName[form.channel];
      if (form.choices.length > limits.list.maxChoices) {
        ctx.addIssue({
          code: 'custom',
          path: ['choices'],
          message: t.issues.tooMany(limits.list.maxChoices),
        });
        return;
      }
      const style = styleFor(form.choices.length, 'buttons', limits);
      const styleLimits = limits[style];
      const seen = new Map<string, number>();
      form.choices.forEach((title, index) => {
        if (length(title) > styleLimits.title) {
          const message = t.issues.titleTooLong(index + 1, length(title), styleLimits.title, channelName);
          ctx.addIssue({ code: 'custom', path: ['choices', index], message });
        }
        const first = seen.get(title.toLocaleLowerCase());
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['choices', index],
            message: t.issues.duplicate(index + 1, first),
          });
        } else seen.set(title.toLocaleLowerCase(), index + 1);
      });
      const button = form.listButton ?? '';
      if (style === 'list' && limits.list.listButton && length(button) > limits.list.listButton) {
        const message = t.issues.listButtonTooLong(length(button), limits.list.listButton);
        ctx.addIssue({ code: 'custom', path: ['listButton'], message });
      }
      const readable = withNumberedChoices(
        form.text,
        form.choices.map((title) => ({ title })),
      );
      if (form.text && fitTextToChannel(readable, form.channel) !== readable) {
        const message = t.issues.textTooLong(channelAdapter(form.channel).textLimit.max, channelName);
        ctx.addIssue({ code: 'custom', path: ['text'], message });
      }
    });
}

/** The checked reply, or the list of problems (already in the staff member's language). */
export function checkStaffChoices(
  form: Record<string, string>,
  t: Messages['choices'],
): { ok: true; reply: StaffChoices } | { ok: false; problems: string[] } {
  const parsed = formSchema(t).safeParse(form);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  const { channel, text, choices: titles, listButton } = parsed.data;
  const limits = channelAdapter(channel).choices;
  const wanted = length(text) > limits.buttons.body ? 'list' : 'buttons';
  const style = styleFor(titles.length, wanted, limits);
  const choices = titles.map((title, index) => ({ id: `choice-${index + 1}`, title }));
  return {
    ok: true,
    reply: {
      channel,
      text: withNumberedChoices(text, choices),
      content: {
        kind: 'choices',
        style,
        body: text,
        choices,
        ...(style === 'list' && limits.list.listButton
          ? { listButton: listButton || t.defaultListButton }
          : {}),
      },
    },
  };
}
