import './next-environment';
import { workAsyncStorage } from 'next/dist/server/app-render/work-async-storage.external';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';

// Runs a route handler the way Next.js does as far as after() is concerned: inside a request
// scope whose after-context collects the scheduled tasks, so a test can see what the route
// scheduled (and whether it did) without running the job processor.

export type RouteHandler = (
  request: Request,
  context: { params: Promise<{ channel: string; tenantSlug: string }> },
) => Promise<Response>;

/** The [channel] segment of /api/webhook/<channel>/<tenantSlug>, as Next.js would route it. */
function channelSegment(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/')[3] ?? '');
}

export async function callRoute(
  handler: RouteHandler,
  request: Request,
  tenantSlug: string,
): Promise<{ response: Response; afterTasks: Array<() => unknown> }> {
  const afterTasks: Array<() => unknown> = [];
  const workStore = { afterContext: { after: (task: () => unknown) => afterTasks.push(task) } };
  const response = await workAsyncStorage.run(workStore as never, () =>
    workUnitAsyncStorage.run({ type: 'request' } as never, () =>
      handler(request, { params: Promise.resolve({ channel: channelSegment(request.url), tenantSlug }) }),
    ),
  );
  return { response, afterTasks };
}
