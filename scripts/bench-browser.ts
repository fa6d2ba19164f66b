/**
 * Time to the first rendered dashboard: headless Chromium, signed in (the session cookie set before
 * navigating), a fresh browser context each time (nothing cached), from `goto` until the headline
 * figure shows a number and the time chart has drawn its first bar.
 */
import { chromium } from 'playwright-core';

export async function firstRender(baseUrl: string, cookie: string, runs = 3): Promise<{ ms: number[] } | { error: string }> {
  let browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  } catch (err) {
    return { error: `Chromium did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  try {
    const [name = '', value = ''] = cookie.split(/=(.*)/s);
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name, value, url: baseUrl }]);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${baseUrl}/`);
      await Promise.all([
        page.locator('[data-testid="figure-reports"] [data-value]').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 }),
        page.locator('[data-testid="chart-time"] svg .recharts-bar-rectangle').first().waitFor({ timeout: 60_000 }),
      ]);
      ms.push(performance.now() - t0);
      await context.close();
    }
    return { ms };
  } catch (err) {
    return { error: err instanceof Error ? (err.message.split('\n')[0] ?? 'failed') : String(err) };
  } finally {
    await browser.close();
  }
}
