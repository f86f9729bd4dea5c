import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions } from './chromium.ts';

/**
 * Vitest's browser mode in Debian's Chromium, headless, for every project whose tests run in a page.
 * A fresh object per call: Vitest renames a browser config object shared between projects.
 * `context` sets the pages' locale and time zone where a test must not depend on the machine's.
 */
export function chromiumBrowserTests(viewport?: { width: number; height: number }, context?: { locale: string; timezoneId: string }) {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: { ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args] }, ...(context ? { contextOptions: { ...context } } : {}) }),
    instances: [{ browser: 'chromium' as const }],
    ...(viewport ? { viewport } : {}),
    screenshotFailures: false,
  };
}
