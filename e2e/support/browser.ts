import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts/screenshots');
mkdirSync(ARTIFACTS, { recursive: true });

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--lang=en-GB',
    ],
  });
}

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface TestPage {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  pageErrors: string[];
}

/** An analyst's laptop (1366×768) unless told otherwise; nobody is signed in yet. */
export async function newAnalystPage(browser: Browser, viewport = LAPTOP): Promise<TestPage> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page, dialogs, pageErrors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: false });
}

/**
 * A page that starts signed in, with a session cookie from `sessionFor`: for tests about something
 * other than the sign-in screen.
 */
export async function newSignedInPage(browser: Browser, baseUrl: string, cookie: string, viewport = LAPTOP): Promise<TestPage> {
  const opened = await newAnalystPage(browser, viewport);
  const at = cookie.indexOf('=');
  await opened.context.addCookies([
    { name: cookie.slice(0, at), value: cookie.slice(at + 1), url: baseUrl, httpOnly: true, sameSite: 'Strict' },
  ]);
  return opened;
}
