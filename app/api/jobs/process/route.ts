import { handleProcessGet, handleProcessPost } from '@/src/jobs/handle-process-request';

// Vercel Cron (GET, every minute in vercel.json), other schedulers and curl (POST).
export const dynamic = 'force-dynamic';
// Seconds; the processor stops claiming well before this (Hobby and Pro allow 300 s).
export const maxDuration = 300;

export function GET(request: Request): Promise<Response> {
  return handleProcessGet(request, { maxDurationSeconds: maxDuration });
}

export function POST(request: Request): Promise<Response> {
  return handleProcessPost(request, { maxDurationSeconds: maxDuration });
}
