import type { Messages } from '@/src/i18n/messages-es';

/** The plain strings the browser-permission button needs (client components take no functions). */
export function enableTexts(t: Messages) {
  const { prompt, browserExplain, enable, enabled, pushToo, pushUnavailable, denied, unsupported } =
    t.attention;
  return { prompt, browserExplain, enable, enabled, pushToo, pushUnavailable, denied, unsupported };
}
