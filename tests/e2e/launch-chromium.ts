import { type Browser, chromium } from 'playwright-core';

// Debian's Chromium (apt-get install chromium), never a downloaded browser; headless, without
// the sandbox (CI runs as root) and without background network traffic.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}
