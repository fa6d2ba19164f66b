import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IncidentList, LinkNetwork, SeriesList } from '@scam/shared';
import { launchBrowser, newSignedInPage, PHONE, screenshot } from './support/browser.js';
import { AppHeader, api, eventually, IncidentsPage, LinkViewPage } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let analyst: string;

beforeAll(async () => {
  browser = await launchBrowser();
  analyst = await sessionFor(baseUrl, accounts.analyst);
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The demo's caller-number series: six HMRC calls from one number in spring 2025, two of whose victims
 * paid one account, as detection reports it (stored under a stable id, so its page can be opened).
 */
async function callerNumberSeries(): Promise<{ id: string; references: string[] }> {
  const detected = await api<SeriesList>(baseUrl, '/api/series?from=2025-03-01&to=2025-04-30&method=hmrc&replicates=99', analyst);
  const linked = detected.series.find((s) => s.kind === 'linked');
  if (!linked) throw new Error("detection did not report the demo's HMRC caller-number series in spring 2025");
  return { id: linked.id, references: linked.incidents };
}

describe('link view', () => {
  it('opens the link view of a caller-number series and reaches the incidents behind a tie', async () => {
    const { id, references } = await callerNumberSeries();
    expect(references.length).toBeGreaterThanOrEqual(6);
    const expected = await api<LinkNetwork>(baseUrl, `/api/links?references=${references.join(',')}`, analyst);
    const numberTie = expected.ties.find((t) => t.kind === 'number');
    expect(numberTie?.count).toBeGreaterThanOrEqual(6);
    expect(expected.ties.some((t) => t.kind === 'account' && t.count === 2)).toBe(true);

    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    const links = new LinkViewPage(page, baseUrl);
    // From the series' own page (its stable id), through its Link view button.
    await page.goto(`${baseUrl}/series?id=${encodeURIComponent(id)}`);
    await page.locator('[data-testid="series-link-view"]').click();
    await page.locator('[data-testid="tie-list"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="links-scope"]').textContent()).toBe(`Among the ${references.length} reports given.`);
    expect(await links.ties().count()).toBe(expected.ties.length);
    await expect.poll(() => links.ties('account').count()).toBeGreaterThanOrEqual(1);
    const tie = links.ties('number').first();
    expect(await tie.textContent()).toContain(`${numberTie?.count} reports`);
    await screenshot(page, 'links-series');

    // The network's nodes are keyboard controls too: Enter on the number chooses its tie, again clears it.
    const node = links.node(numberTie?.id ?? '');
    await node.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await tie.getAttribute('aria-pressed')).toBe('true'));
    expect(await node.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await tie.getAttribute('aria-pressed')).toBe('false'));

    // Choose the tie in the list with the keyboard: the reports behind it are listed, each a link.
    await tie.focus();
    await page.keyboard.press('Enter');
    await links.tieIncidents().first().waitFor();
    expect(await links.tieIncidents().evaluateAll((els) => els.map((e) => e.getAttribute('data-reference')))).toEqual(numberTie?.incidents);
    await screenshot(page, 'links-tie-chosen');

    const reference = numberTie?.incidents[0] ?? '';
    await links.tieIncidents().first().click();
    const detail = page.locator('[data-testid="incident-detail"]');
    await detail.waitFor({ timeout: 30_000 });
    await eventually(async () => expect((await detail.locator('#incident-title').textContent())?.trim()).toBe(reference));
    expect(new URL(page.url()).pathname).toBe('/incidents');
    expect(await detail.textContent()).toContain(numberTie?.value);
    await screenshot(page, 'links-incident');

    // Behind the dialog, the incident list holds every stored report with that number.
    const withNumber = await api<IncidentList>(baseUrl, `/api/incidents?identifier=${encodeURIComponent(numberTie?.value ?? '')}`, analyst);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(await new IncidentsPage(page).total()).toBe(withNumber.total);
    expect(withNumber.incidents.map((i) => i.reference)).toEqual(expect.arrayContaining(numberTie?.incidents ?? []));

    // Back returns to the link view with the same tie chosen.
    await page.goBack();
    await links.tieIncidents().first().waitFor({ timeout: 30_000 });
    expect(await links.ties('number').first().getAttribute('aria-pressed')).toBe('true');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('on a phone lists the ties first, and says plainly when reports share nothing', async () => {
    const { references } = await callerNumberSeries();
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst, PHONE);
    const links = new LinkViewPage(page, baseUrl);
    await links.open(`references=${references.join(',')}`);
    const list = await page.locator('[data-testid="tie-list"]').boundingBox();
    const drawing = await page.locator('[data-testid="link-network"]').boundingBox();
    expect(list && drawing && list.y < drawing.y).toBe(true);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'links-phone');

    // Three unrelated courier reports of 2020 (before any caller-number column) share nothing.
    const unrelated = await api<IncidentList>(baseUrl, '/api/incidents?method=courier&to=2020-06-30&limit=3', analyst);
    const refs = unrelated.incidents.map((i) => i.reference);
    await links.open(`references=${refs.join(',')}`);
    await page.getByText(`No shared numbers or accounts among these ${refs.length} reports.`).waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('is offered to analysts and not to viewers', async () => {
    const viewer = await sessionFor(baseUrl, accounts.viewer);
    for (const [cookie, offered] of [
      [analyst, true],
      [viewer, false],
    ] as const) {
      const { page, context } = await newSignedInPage(browser, baseUrl, cookie);
      await page.goto(`${baseUrl}/links`);
      const header = new AppHeader(page);
      await header.signedInAs();
      expect((await header.navTitles()).includes('Links')).toBe(offered);
      if (!offered) await page.locator('[data-testid="not-for-role"]').waitFor();
      await context.close();
    }
  });
});
