import { cookies } from 'next/headers';
import { messagesEn } from './messages-en';
import { type Messages, messagesEs } from './messages-es';

// Spanish unless the person chose English (a plain preference cookie, nothing secret in it).
export const languageCookieName = 'inbox_lang';
export const languages = ['es', 'en'] as const;
export type Language = (typeof languages)[number];

export function messagesFor(language: string | undefined): Messages {
  return language === 'en' ? messagesEn : messagesEs;
}

export async function getLanguage(): Promise<Language> {
  return (await cookies()).get(languageCookieName)?.value === 'en' ? 'en' : 'es';
}

export async function getMessages(): Promise<Messages> {
  return messagesFor(await getLanguage());
}
