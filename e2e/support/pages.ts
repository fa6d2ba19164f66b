import type { Locator, Page } from 'playwright-core';

/** Page objects: what an analyst sees and does, so tests read as steps rather than selectors. */

export const toNumber = (text: string | null): number => Number((text ?? '').replace(/[^0-9.-]/g, ''));

/** The API read directly, as the holder of a session cookie (from `sessionFor`). */
export async function api<T>(baseUrl: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie } });
  if (!res.ok) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The status alone, for checking what a session may not (or no longer) do. */
export async function apiStatus(baseUrl: string, path: string, cookie: string | null): Promise<number> {
  const res = await fetch(`${baseUrl}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  await res.body?.cancel();
  return res.status;
}

/** Polls until fn passes or the time is up: the UI updates asynchronously after each click. */
export async function eventually(fn: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await fn();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw last;
}

/**
 * Waits until the page's layout has stopped moving: the boxes of everything under `root` the same over
 * `frames` animation frames in a row (a chart or map resizing to its frame, a fit after a print resize,
 * fonts arriving). Before measuring where things sit, in place of a guess at how long that takes.
 */
export async function layoutSettled(page: Page, root = 'body', { frames = 6, timeoutMs = 15_000 } = {}): Promise<void> {
  // A string, as the other in-page checks: this package compiles without the DOM's types.
  await page.evaluate(`(async () => {
    const root = ${JSON.stringify(root)};
    await document.fonts.ready;
    const snapshot = () =>
      [...document.querySelectorAll(root + ', ' + root + ' *')]
        .map((e) => { const r = e.getBoundingClientRect(); return r.x + ',' + r.y + ',' + r.width + ',' + r.height; })
        .join(';');
    const deadline = performance.now() + ${timeoutMs};
    let last = snapshot();
    for (let same = 0; same < ${frames}; ) {
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      const now = snapshot();
      same = now === last ? same + 1 : 0;
      last = now;
      if (performance.now() > deadline) throw new Error('the layout of ' + root + ' was still moving after ${timeoutMs} ms');
    }
  })()`);
}

/** A page of the app by address, with what shows once it has loaded. */
export interface AppPage {
  name: string;
  path: string;
  ready: string;
}

/** Every page a signed-in admin can open, the print layouts included; `seriesId` is a detected series. */
export function everyPage(seriesId: string): AppPage[] {
  return [
    { name: 'overview', path: '/', ready: '[data-testid="map-marker"]' },
    { name: 'incidents', path: '/incidents', ready: 'table tbody tr' },
    { name: 'import', path: '/import', ready: 'h1' },
    { name: 'series', path: '/series?from=2025-12-01&to=2025-12-31&method=courier&replicates=199', ready: '[data-testid="series-card"]' },
    { name: 'series-detail', path: `/series?id=${encodeURIComponent(seriesId)}`, ready: '[data-testid="series-detail"]' },
    { name: 'links', path: '/links', ready: 'h1' },
    { name: 'appeals', path: '/appeals', ready: 'h1' },
    {
      name: 'appeal-editor',
      path: '/appeals?source=filters&method=courier&from=2025-12-01&to=2025-12-31',
      ready: '[data-testid="appeal-warnings"]',
    },
    // Without a saved version the print is refused (the officer is not named): the refusal is a page too.
    {
      name: 'print-appeal',
      path: '/appeals/print?source=filters&method=courier&from=2025-12-01&to=2025-12-31',
      ready: '[data-testid="appeal-print-sheet"]',
    },
    { name: 'admin', path: '/admin', ready: 'h1' },
    { name: 'print-overview', path: '/print/overview?method=courier', ready: '[data-testid="print-button"]:not([disabled])' },
    { name: 'print-incidents', path: '/print/incidents?district=Watford', ready: '[data-testid="print-button"]:not([disabled])' },
    {
      name: 'print-series',
      path: `/print/series?id=${encodeURIComponent(seriesId)}`,
      ready: '[data-testid="print-button"]:not([disabled])',
    },
  ];
}

/** Opens a page and waits until it has loaded and its charts and map have stopped moving. */
export async function openPage(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await layoutSettled(page, '#root');
}

export class OverviewPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/${query ? `?${query}` : ''}`);
    await this.waitForFigures();
  }

  async waitForFigures(): Promise<void> {
    await this.page.locator('[data-testid="figure-reports"] [data-value]').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
  }

  async figure(id: 'reports' | 'loss' | 'lost' | 'attempted' | 'prevented' | 'median-age' | 'aged70'): Promise<number> {
    return toNumber(await this.page.locator(`[data-testid="figure-${id}"] [data-value]`).textContent());
  }

  markers(): Locator {
    return this.page.locator('[data-testid="map-marker"]');
  }

  async markerTotal(): Promise<number> {
    const counts = await this.markers().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-reports'))));
    return counts.reduce((s, n) => s + n, 0);
  }

  async barValues(testId: 'chart-method' | 'chart-district' | 'chart-age'): Promise<Record<string, number>> {
    return this.page
      .locator(`[data-testid="${testId}"] button[data-key]`)
      .evaluateAll((els) =>
        Object.fromEntries(
          els.map((e) => [
            e.getAttribute('data-key') ?? '',
            Number((e.querySelector('.bar-list__value')?.textContent ?? '').replace(/[^0-9.-]/g, '')),
          ]),
        ),
      );
  }

  async chooseInMultiSelect(testId: string, value: string): Promise<void> {
    const box = this.page.locator(`[data-testid="${testId}"]`);
    await box.locator('summary').click();
    await box.locator(`input[type="checkbox"][value="${value}"]`).check();
    await box.locator('summary').click();
  }
}

export class IncidentsPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.locator('[data-testid="incident-row"]');
  }

  async total(): Promise<number> {
    await this.page.locator('[data-testid="incidents-table"]').waitFor({ timeout: 30_000 });
    const count = this.page.locator('#incidents-title .muted');
    await count.waitFor();
    return toNumber(await count.textContent());
  }
}

export class ImportPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/import`);
    await this.page.locator('[data-testid="import-file"]').waitFor({ state: 'attached' });
  }

  async choose(name: string, content: string | Buffer): Promise<void> {
    await this.page
      .locator('[data-testid="import-file"]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  }

  async counts(): Promise<Record<string, number>> {
    const el = this.page.locator('[data-testid="import-counts"]').first();
    await el.waitFor({ timeout: 30_000 });
    const out: Record<string, number> = {};
    for (const k of ['rows', 'inserted', 'updated', 'unchanged', 'rejected']) out[k] = Number(await el.getAttribute(`data-${k}`));
    return out;
  }
}

export class SignInPage {
  constructor(readonly page: Page) {}

  form(): Locator {
    return this.page.locator('[data-testid="sign-in"]');
  }

  error(): Locator {
    return this.page.locator('[data-testid="sign-in-error"]');
  }

  submit(): Locator {
    return this.page.locator('[data-testid="sign-in-submit"]');
  }

  async waitFor(): Promise<void> {
    await this.form().waitFor({ timeout: 30_000 });
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.locator('[data-testid="sign-in-username"]').fill(username);
    await this.page.locator('[data-testid="sign-in-password"]').fill(password);
    await this.submit().click();
  }
}

/** The header every signed-in page shares. */
export class AppHeader {
  constructor(readonly page: Page) {}

  navTitles(): Promise<string[]> {
    return this.page.locator('nav[aria-label="Main"] a').allTextContents();
  }

  async signedInAs(): Promise<{ name: string; role: string }> {
    const account = this.page.locator('[data-testid="account"]');
    await account.waitFor({ timeout: 30_000 });
    return {
      name: ((await account.locator('[data-testid="account-name"]').textContent()) ?? '').trim(),
      role: ((await account.locator('[data-testid="account-role"]').textContent()) ?? '').trim(),
    };
  }

  async signOut(): Promise<void> {
    await this.page.locator('[data-testid="sign-out"]').click();
  }
}

/** The link view: shared numbers and accounts as a network, and the list of ties beside it. */
export class LinkViewPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(query: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/links?${query}`);
    await this.page.locator('[data-testid="tie-list"], .empty, [role="alert"]').first().waitFor({ timeout: 30_000 });
  }

  ties(kind?: 'number' | 'account'): Locator {
    return this.page.locator(kind ? `[data-testid="tie"][data-tie-id^="${kind}:"]` : '[data-testid="tie"]');
  }

  /** An identifier drawn in the network, by its node id. */
  node(id: string): Locator {
    return this.page.locator(`[data-testid="link-node"][data-node-id="${id}"]`);
  }

  /** The reports listed behind the chosen tie. */
  tieIncidents(): Locator {
    return this.page.locator('[data-testid="tie-incident"]');
  }
}
