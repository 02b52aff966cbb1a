import { z } from 'zod';

// The [tenantSlug] route segment, as tenants.slug allows it.
export const tenantSlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);
