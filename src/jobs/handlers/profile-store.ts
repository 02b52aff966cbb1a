import { z } from 'zod';
import type { LeadProfile } from '@/src/channels/profile-types';
import type { DbPort } from '@/src/db/rpc-port';

// Typed calls of the profile SQL functions (supabase/migrations/*_profile_functions.sql).

const nullableString = z.string().nullable();

const profileContextSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    lead: z.object({
      id: z.string(),
      tenant_id: z.string(),
      name: nullableString,
      origin_channel: z.string(),
      profile_fetched_at: nullableString,
    }),
    identity: z.object({ channel: z.string(), external_id: z.string() }).nullable(),
    connection: z
      .object({
        mode: z.enum(['live', 'sandbox']),
        status: z.string(),
        // What a lookup may address (SendAccount); the SQL sends the ids lookups use today.
        phone_number_id: nullableString.default(null),
        page_id: nullableString,
        instagram_account_id: nullableString,
        tiktok_business_id: nullableString.default(null),
        access_token_encrypted: nullableString,
      })
      .nullable(),
  }),
  z.object({ found: z.literal(false) }),
]);

export type ProfileContext = Extract<z.infer<typeof profileContextSchema>, { found: true }>;

export async function loadProfileContext(db: DbPort, leadId: string): Promise<ProfileContext | undefined> {
  const context = profileContextSchema.parse(await db.rpc('profile_load_context', { p_lead_id: leadId }));
  return context.found ? context : undefined;
}

/** Stores what the platform said (all null when it will never say): the lead is asked once. */
export function recordProfile(db: DbPort, leadId: string, externalId: string, profile: LeadProfile) {
  return db.rpc('profile_record', {
    p_lead_id: leadId,
    p_external_id: externalId,
    p_name: profile.name,
    p_username: profile.username,
    p_picture_url: profile.pictureUrl,
  });
}

export function markNeedsReauth(db: DbPort, tenantId: string, channel: string, error: string): Promise<void> {
  return db
    .rpc('channel_mark_needs_reauth', { p_tenant_id: tenantId, p_channel: channel, p_error: error })
    .then(() => {});
}
