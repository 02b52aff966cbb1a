'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { languageCookieName } from '@/src/i18n/get-messages';

const languageSchema = z.enum(['es', 'en']);

export async function setLanguageAction(data: FormData): Promise<void> {
  const language = languageSchema.catch('es').parse(data.get('language'));
  (await cookies()).set(languageCookieName, language, {
    path: '/',
    sameSite: 'lax',
    maxAge: 60 * 60 * 24 * 365,
  });
}
