/**
 * Debian's Chromium, headless and quiet (see STACK.md), for every browser test and benchmark: no
 * browser is ever downloaded, and without the background-networking flags Chromium floods the closed
 * network with connection attempts.
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
