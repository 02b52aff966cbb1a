import { redirect } from 'next/navigation';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { getEnv } from '@/src/env';
import { readStaffIdentity } from './read-staff-identity';
import { getRequestCookies } from './request-cookies';

// Pages and server actions: the signed-in staff member, or off to the sign-in page.
export async function requireStaff(): Promise<StaffIdentity> {
  const staff = await readStaffIdentity(getEnv(), await getRequestCookies());
  if (!staff) redirect('/login');
  return staff;
}
