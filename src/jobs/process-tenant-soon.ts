// Called by webhook routes inside after(): drain this tenant's due jobs now instead of waiting
// for the cron sweep. The job-queue issue replaces this no-op with the real processor call.
export async function processTenantSoon(_tenantId: string): Promise<void> {}
