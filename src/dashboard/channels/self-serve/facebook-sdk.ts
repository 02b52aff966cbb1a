'use client';

// Loads Facebook's JS SDK once (its URL is configuration, so tests can serve a fake) and
// resolves when FB.init has run. Only the calls we use are typed.

export type FacebookLoginResponse = {
  authResponse?: { code?: string; accessToken?: string } | null;
  status?: string;
};

export type FacebookSdk = {
  init: (options: { appId: string; autoLogAppEvents?: boolean; xfbml?: boolean; version: string }) => void;
  login: (callback: (response: FacebookLoginResponse) => void, options: Record<string, unknown>) => void;
};

export type SdkConfig = { sdkUrl: string; appId: string; graphVersion: string };

declare global {
  interface Window {
    FB?: FacebookSdk;
    fbAsyncInit?: () => void;
  }
}

let loading: Promise<FacebookSdk> | undefined;

export function loadFacebookSdk(config: SdkConfig): Promise<FacebookSdk> {
  loading ??= new Promise<FacebookSdk>((resolve, reject) => {
    window.fbAsyncInit = () => {
      window.FB!.init({
        appId: config.appId,
        autoLogAppEvents: true,
        xfbml: false,
        version: config.graphVersion,
      });
      resolve(window.FB!);
    };
    const script = document.createElement('script');
    script.src = config.sdkUrl;
    script.async = true;
    script.defer = true;
    script.crossOrigin = 'anonymous';
    script.onerror = () => {
      loading = undefined;
      reject(new Error('Facebook SDK did not load'));
    };
    document.body.appendChild(script);
  });
  return loading;
}

/** Meta's dialog posts from facebook.com; a configured SDK host (a test fake) is trusted too. */
export function isFacebookOrigin(origin: string, sdkUrl: string): boolean {
  try {
    const host = new URL(origin).hostname;
    return host === 'facebook.com' || host.endsWith('.facebook.com') || origin === new URL(sdkUrl).origin;
  } catch {
    return false;
  }
}
