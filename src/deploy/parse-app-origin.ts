import { AppError } from '@/src/shared/app-error';

// The app's public origin as the minute sweep and the platforms reach it: https, no path, no
// query. Returned without the trailing slash (`https://inbox.example.com`).

export function parseAppOrigin(value: string, label = '--url'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError(
      'bad_request',
      `${label} is not a URL: give the app's address, such as https://inbox.example.com`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new AppError(
      'bad_request',
      `${label} must start with https:// (Supabase Cron calls it over the internet)`,
    );
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new AppError(
      'bad_request',
      `${label} must be the app's origin only, such as https://inbox.example.com (no path)`,
    );
  }
  return url.origin;
}
