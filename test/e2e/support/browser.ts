import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, with the flags this offline machine needs (see DEVELOPERS.md).
 * playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here).
 */
export async function launchChromium(options: { media?: boolean } = {}): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      // Conferences: a synthetic camera (moving test pattern) and microphone (a beep), no permission prompt.
      ...(options.media ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'] : []),
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A tablet in landscape, Vietnamese locale and Vietnam's time zone, like the delegates' devices. */
export function tabletContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}
