import { handleProcessGet, handleProcessPost } from '@/src/jobs/handle-process-request';

// GET: Vercel Cron (daily in vercel.json, all Hobby allows) and Supabase Cron (every minute,
// `npm run cli -- deploy schedule`). POST: other schedulers and curl.
export const dynamic = 'force-dynamic';
// Seconds; the processor stops claiming well before this (Hobby and Pro allow 300 s).
export const maxDuration = 300;

export function GET(request: Request): Promise<Response> {
  return handleProcessGet(request, { maxDurationSeconds: maxDuration });
}

export function POST(request: Request): Promise<Response> {
  return handleProcessPost(request, { maxDurationSeconds: maxDuration });
}
