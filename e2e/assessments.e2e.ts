import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import JSZip from 'jszip';
import type { HandoverManifest, SavedSeries, SavedSeriesDetail, SeriesList } from '@scam/shared';
import { launchBrowser, newSignedInPage, PHONE, screenshot } from './support/browser.js';
import { api, eventually } from './support/pages.js';
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

async function patch(path: string, body: unknown): Promise<number> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'PATCH',
    headers: { Cookie: analyst, Origin: baseUrl, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

/** The January 2023 HMRC rise: a period and method no other browser test confirms. */
const PERIOD = 'from=2022-10-01&to=2023-03-31&method=hmrc';

describe('a confirmed series holds still', () => {
  it('confirm → detect again → add by hand → re-assess → pack: the figures stay until the analyst re-assesses', async () => {
    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    await page.goto(`${baseUrl}/series?${PERIOD}`);
    const card = page.locator('[data-testid="series-card"]').first();
    // Detection runs on a worker; on a busy machine, behind the watch run of another test's import.
    await card.waitFor({ timeout: 120_000 });
    const seriesId = (await card.getAttribute('data-series-id')) as string;
    const detected = (await api<SeriesList>(baseUrl, `/api/series?${PERIOD}`, analyst)).series.find((s) => s.id === seriesId)!;
    expect(detected).toBeDefined();

    await card.locator('a').first().click();
    await page.locator('[data-testid="series-confirm"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="series-confirm"]').click();
    // Confirming opens the saved series, whose figures are its first frozen assessment.
    const source = page.locator('[data-testid="assessment-source"]');
    await source.waitFor({ timeout: 60_000 });
    expect(await source.textContent()).toMatch(/Assessment 1 of 1 · confirmed by e2e\.analyst/);
    const reports = page.locator('[data-testid="series-reports"]');
    const confirmedText = ((await reports.textContent()) ?? '').trim();
    expect(confirmedText).toContain(`${detected.count} · ${detected.count} observed vs ${detected.expected.toFixed(1)} expected`);
    const savedId = Number(await page.locator('[data-testid="series-detail"]').getAttribute('data-saved-id'));
    await screenshot(page, 'assessment-1-confirmed');

    // Detection again over other periods and seeds (each run rewrites the detected series it came from).
    await api<SeriesList>(baseUrl, '/api/series?from=2022-12-01&to=2023-02-28&method=hmrc&seed=9&replicates=199', analyst);
    await api<SeriesList>(baseUrl, '/api/series?from=2022-07-01&to=2023-06-30&seed=4&replicates=199', analyst);
    await page.reload();
    await source.waitFor({ timeout: 60_000 });
    expect(((await reports.textContent()) ?? '').trim()).toBe(confirmedText);
    expect(await source.textContent()).toMatch(/Assessment 1 of 1/);

    // An HMRC report of the same year added by hand: listed, not assessed, until the next assessment.
    const saved = await api<SavedSeriesDetail>(baseUrl, `/api/saved-series/${savedId}`, analyst);
    const all = await api<{ incidents: { reference: string }[] }>(
      baseUrl,
      '/api/incidents?from=2022-10-01&to=2023-03-31&method=hmrc&limit=200',
      analyst,
    );
    const extra = all.incidents.map((i) => i.reference).find((r) => !saved.incidents.includes(r))!;
    expect(await patch(`/api/saved-series/${savedId}`, { addIncidents: [extra] })).toBe(200);
    await page.reload();
    await page.locator('[data-testid="unassessed-members"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="unassessed-members"]').textContent()).toContain(extra);
    expect(((await reports.textContent()) ?? '').trim()).toBe(confirmedText);
    await screenshot(page, 'assessment-2-added-by-hand');

    await page.locator('[data-testid="series-reassess"]').click();
    await page.locator('[data-testid="assessment-2"]').waitFor({ timeout: 90_000 });
    await eventually(async () => expect(await source.textContent()).toMatch(/Assessment 2 of 2 · re-assessed by e2e\.analyst/));
    await page.locator('[data-testid="assessment-diff"]').waitFor();
    expect(await page.locator('[data-testid="assessment-diff"]').textContent()).toContain(extra);
    expect(await page.locator('[data-testid="unassessed-members"]').count()).toBe(0);
    await screenshot(page, 'assessment-3-reassessed');

    // The first assessment is still there, unchanged, and can be shown again.
    const after = await api<SavedSeriesDetail>(baseUrl, `/api/saved-series/${savedId}`, analyst);
    expect(after.assessments).toHaveLength(2);
    expect(after.assessments[0]).toEqual(saved.assessments[0]);
    await page.locator('[data-testid="assessment-1"]').click();
    await eventually(async () => expect(((await reports.textContent()) ?? '').trim()).toBe(confirmedText));
    const list = await api<{ series: SavedSeries[] }>(baseUrl, '/api/saved-series', analyst);
    expect(list.series.find((s) => s.id === savedId)?.incidents).toContain(extra);
    expect(pageErrors).toEqual([]);

    // The handover pack (an inspector's) carries the latest assessment, with the member added by hand.
    const inspector = await sessionFor(baseUrl, accounts.inspector);
    const pack = await fetch(`${baseUrl}/api/saved-series/${savedId}/pack?recipient=${encodeURIComponent('ERSOU Regional Fraud Team')}`, {
      headers: { Cookie: inspector },
    });
    expect(pack.status).toBe(200);
    const zip = await JSZip.loadAsync(await pack.arrayBuffer());
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as HandoverManifest;
    expect(manifest).toMatchObject({ recipient: 'ERSOU Regional Fraud Team', assessment: { seq: 2, kind: 'reassessed' } });
    const briefing = await zip.file('briefing.html')!.async('string');
    expect(briefing).toContain('Assessment 2 of 2');
    expect(briefing).toContain(extra);

    // On a phone the history and the re-assess form stay inside the screen: the table scrolls in its box,
    // and the saved series page as a whole does not scroll sideways.
    const phone = await newSignedInPage(browser, baseUrl, analyst, PHONE);
    await phone.page.goto(`${baseUrl}/series?saved=${savedId}`);
    const panel = phone.page.locator('[data-testid="assessment-panel"]');
    await phone.page.locator('[data-testid="assessment-history"]').waitFor({ timeout: 60_000 });
    for (const part of [panel, phone.page.locator('[data-testid="series-reassess"]'), panel.locator('.table-scroll')]) {
      const box = await part.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(Number(await phone.page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'assessment-4-phone');
    await phone.context.close();
  });
});
