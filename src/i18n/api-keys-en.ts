import type { apiKeysEs } from './api-keys-es';

export const apiKeysEn: typeof apiKeysEs = {
  nav: 'API and integrations',
  title: 'API and integrations',
  intro:
    "An API key is a password for other programs (for example n8n, Zapier or your provider's system): with it they can read your conversations, customers and appointments and, if you allow it, reply, close conversations or book appointments for your business. Treat it like a password: do not publish it or send it in a chat.",
  docs: 'For developers: the technical description is at',
  listTitle: 'Keys',
  none: 'No keys yet.',
  name: 'Name (to recognise it)',
  namePlaceholder: 'For example: the clinic’s n8n',
  scope: 'What it can do',
  scopeRead: 'Read only',
  scopeWrite: 'Read and act (reply, close, book)',
  create: 'Create key',
  created: 'Key created. Copy it now: we will not show it again.',
  createdHelp: 'Paste it into the other program as a "Bearer token" (Authorization header).',
  revoke: 'Revoke',
  revoked: 'Key revoked: it no longer works.',
  revokedOn: 'Revoked',
  since: 'Created',
  lastUsed: 'Last used',
  never: 'never',
  adminOnly: 'Only the business’s administrators can create or revoke API keys.',
  fields: { name: 'Name', scope: 'What it can do' },
};
