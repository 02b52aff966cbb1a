/**
 * Whether a stored delivery may have enqueued a job: an ai_response (new or its pending twin
 * updated) or, for a new Messenger/Instagram lead, a fetch_profile. Anything else (duplicates,
 * statuses, messages to conversations a person handles) leaves nothing for after() to run:
 * under load an empty claim per delivery costs as much database time as half an ingest
 * (docs/performance.md).
 */
export function enqueuedWork(summary: { ai_jobs: number; leads_created: number }): boolean {
  return summary.ai_jobs > 0 || summary.leads_created > 0;
}
