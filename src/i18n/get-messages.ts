import { cookies } from 'next/headers';
import type { Messages } from './messages-es';
import { messagesFor } from './messages-for';

// Spanish unless the person chose English (a plain preference cookie, nothing secret in it).
export const languageCookieName = 'inbox_lang';
export type Language = 'es' | 'en';

export async function getLanguage(): Promise<Language> {
  return (await cookies()).get(languageCookieName)?.value === 'en' ? 'en' : 'es';
}

export async function getMessages(): Promise<Messages> {
  return messagesFor(await getLanguage());
}
