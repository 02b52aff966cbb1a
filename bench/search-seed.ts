import type pg from 'pg';

// The search bench's data, made by generate_series inside PostgreSQL (no rows cross the wire):
// one tenant with `messages` messages (20 per conversation, one lead per conversation) among two
// other tenants with a tenth as many each. Texts come from a small Spanish vocabulary; one message
// in 10,000 mentions "ortodoncia" (a rare word), one lead in 5,000 (at least one) is a "Ximena" (a rare name).

const phrases = [
  'Hola, buenas tardes',
  '¿Cuánto cuesta la limpieza?',
  'Quiero agendar una cita para mañana',
  'Gracias, muy amable',
  '¿Tienen horario el sábado?',
  'El precio me parece bien',
  'Necesito una factura por favor',
  '¿Dónde están ubicados?',
  'Me duele una muela desde ayer',
  'Perfecto, nos vemos el lunes',
];

export async function seedSearchTenant(
  admin: pg.Pool,
  slug: string,
  messages: number,
): Promise<{ tenantId: string; userId: string; email: string }> {
  const email = `owner@${slug}.example`;
  const tenant = await admin.query<{ id: string }>(
    "select (public.admin_create_tenant($1, $1, 'America/Mexico_City') ->> 'id') as id",
    [slug],
  );
  const tenantId = tenant.rows[0]!.id;
  const member = await admin.query<{ user_id: string }>(
    "select (public.admin_seed_staff_member($1, $2, 'owner') ->> 'user_id') as user_id",
    [slug, email],
  );
  const conversations = Math.max(1, Math.floor(messages / 20));
  await admin.query(
    `insert into public.leads (tenant_id, origin_channel, name, phone, score, classification, last_message_at)
     select $1, 'whatsapp',
       case when g % $3 = 0 then 'Ximena Quiroga ' || g else 'Cliente ' || g end,
       '+52 55 ' || lpad((g * 7919 % 100000000)::text, 8, '0'),
       g % 100, case when g % 100 >= 70 then 'hot' when g % 100 >= 40 then 'warm' else 'cold' end,
       now() - g * interval '1 minute'
     from generate_series(1, $2) g`,
    [tenantId, conversations, Math.min(5000, conversations)],
  );
  await admin.query(
    `insert into public.conversations (tenant_id, lead_id, channel, status, handled_by, escalated_at,
       last_message_at, last_inbound_at)
     select l.tenant_id, l.id, 'whatsapp', case when n % 3 = 0 then 'resolved' else 'active' end,
       case when n % 10 = 0 then 'human' else 'ai' end, case when n % 500 = 0 then now() end,
       l.last_message_at, l.last_message_at
     from (select l.*, row_number() over () as n from public.leads l where l.tenant_id = $1) l`,
    [tenantId],
  );
  await admin.query(
    `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, created_at)
     select c.tenant_id, c.id, c.lead_id, 'whatsapp',
       case when k % 2 = 0 then 'inbound' else 'outbound' end, case when k % 2 = 0 then 'lead' else 'ai' end,
       case when (n * 20 + k) % 10000 = 0 then 'Me interesa la ortodoncia invisible'
         else ($3::text[])[1 + (n + k) % array_length($3::text[], 1)] end,
       c.last_message_at - (20 - k) * interval '1 second'
     from (select c.*, row_number() over () as n from public.conversations c where c.tenant_id = $1) c
     cross join generate_series(1, 20) k
     where (n - 1) * 20 + k <= $2`,
    [tenantId, messages, phrases],
  );
  return { tenantId, userId: member.rows[0]!.user_id, email };
}
