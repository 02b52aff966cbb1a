'use server';

import { redirect } from 'next/navigation';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { signOutStaff } from '@/src/auth/sign-out';
import { getEnv } from '@/src/env';

export async function signOutAction(): Promise<void> {
  await signOutStaff(getEnv(), await getRequestCookies());
  redirect('/login');
}
