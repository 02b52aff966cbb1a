import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// supabase/config.toml is what `supabase link` / `db push` / `config push` read. The Supabase CLI
// is not installed here, so this checks what we can: it parses, names the fields from Supabase's
// config reference with the right types, and every email template it points at exists, is
// Spanish and links to our /auth/confirm with the token hash and the matching type.

const root = path.resolve(import.meta.dirname, '../..');
// The fields we rely on, with the types Supabase's config reference gives them.
const configSchema = z.object({
  project_id: z.string(),
  db: z.object({
    major_version: z.number(),
    migrations: z.object({ enabled: z.boolean() }),
    seed: z.object({ enabled: z.boolean() }),
  }),
  auth: z.object({
    site_url: z.url(),
    additional_redirect_urls: z.array(z.url()),
    email: z.object({
      enable_confirmations: z.boolean(),
      smtp: z.object({ pass: z.string().optional() }).optional(),
      template: z.record(z.string(), z.object({ subject: z.string(), content_path: z.string() })),
    }),
  }),
});
const config = configSchema.parse(parse(readFileSync(path.join(root, 'supabase/config.toml'), 'utf8')));

const expectedTemplates: Record<string, string> = {
  invite: 'invite',
  confirmation: 'signup',
  recovery: 'recovery',
  magic_link: 'magiclink',
};

describe('supabase/config.toml', () => {
  it('has the project settings the CLI needs, on PostgreSQL 17', () => {
    expect(config.project_id).toMatch(/^[a-z0-9-]+$/);
    expect(config.db.major_version).toBe(17);
    expect(config.db.migrations.enabled).toBe(true);
    expect(config.db.seed.enabled).toBe(false);
  });

  it('sets the auth site URL and exact redirect URLs for the email-link handlers', () => {
    expect(new URL(config.auth.site_url).pathname).toBe('/');
    expect(config.auth.additional_redirect_urls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/auth\/callback$/),
        expect.stringMatching(/\/auth\/confirm$/),
      ]),
    );
    expect(config.auth.email.enable_confirmations).toBe(true);
  });

  it('points each email at an existing Spanish template linking to our landing with token_hash', () => {
    const templates = config.auth.email.template;
    expect(Object.keys(templates).sort()).toEqual(Object.keys(expectedTemplates).sort());
    for (const [name, type] of Object.entries(expectedTemplates)) {
      const template = templates[name]!;
      expect(template.subject.length).toBeGreaterThan(5);
      const file = path.resolve(root, template.content_path);
      expect(existsSync(file), `${template.content_path} exists`).toBe(true);
      const html = readFileSync(file, 'utf8');
      expect(html).toContain('lang="es"');
      // RedirectTo is the app's own landing with its query (next= or the browser-bound state=),
      // which every sign-up, magic link, reset and invitation passes (src/accounts, src/auth, src/team).
      expect(html).toContain(`{{ .RedirectTo }}&amp;token_hash={{ .TokenHash }}&amp;type=${type}`);
    }
  });

  it('keeps SMTP credentials out of the file', () => {
    const smtp = config.auth.email.smtp;
    if (smtp?.pass !== undefined) expect(smtp.pass).toMatch(/^env\(/);
    expect(readFileSync(path.join(root, 'supabase/config.toml'), 'utf8')).toMatch(/# \[auth\.email\.smtp\]/);
  });
});
