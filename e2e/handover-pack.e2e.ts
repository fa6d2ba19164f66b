import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HandoverManifest, SavedSeries } from '@scam/shared';
import { ARTIFACTS, launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let inspector: string;
let analyst: string;
let saved: SavedSeries;

const RECIPIENT = 'ERSOU Regional Fraud Team';

beforeAll(async () => {
  browser = await launchBrowser();
  inspector = await sessionFor(baseUrl, accounts.inspector);
  analyst = await sessionFor(baseUrl, accounts.analyst);
  // A series put together by hand from November's courier reports: no other browser test saves these.
  const list = await api<{ incidents: { reference: string }[] }>(
    baseUrl,
    '/api/incidents?from=2025-11-01&to=2025-11-30&method=courier&limit=12&sort=offenceDate&order=asc',
    inspector,
  );
  expect(list.incidents.length).toBeGreaterThan(3);
  const res = await fetch(`${baseUrl}/api/saved-series`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl, Cookie: inspector },
    body: JSON.stringify({ name: 'November courier calls', method: 'courier', incidents: list.incidents.map((i) => i.reference) }),
  });
  expect(res.status).toBe(201);
  saved = (await res.json()) as SavedSeries;
});
afterAll(async () => {
  await browser?.close();
});

describe('handover pack', () => {
  it('an inspector names the recipient and downloads a zip whose manifest checks out; its briefing prints on A4', async () => {
    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    await page.goto(`${baseUrl}/series?saved=${saved.id}`);
    const form = page.locator('[data-testid="handover-pack"]');
    await form.waitFor({ timeout: 60_000 });
    // No recipient, no download.
    expect(await page.locator('[data-testid="handover-download"]').count()).toBe(0);
    await page.locator('[data-testid="handover-recipient"]').fill(RECIPIENT);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'handover-pack-form');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="handover-download"]').click()]);
    expect(download.suggestedFilename()).toMatch(
      /^OFFICIAL-SENSITIVE Hertfordshire handover pack November courier calls for ERSOU Regional Fraud Team \d{4}-\d{2}-\d{2}\.zip$/,
    );
    const zipPath = resolve(ARTIFACTS, 'handover-pack.zip');
    await download.saveAs(zipPath);
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as HandoverManifest;
    expect(manifest).toMatchObject({
      recipient: RECIPIENT,
      series: { id: saved.id, name: 'November courier calls', method: 'courier' },
      assessment: { seq: 1, kind: 'confirmed', by: 'e2e.inspector' },
      exportedBy: { name: 'e2e.inspector', role: 'inspector' },
      marking: 'OFFICIAL-SENSITIVE',
    });
    expect(Object.keys(zip.files).sort()).toEqual(['briefing.html', 'evidence.json', 'incidents.csv', 'incidents.xlsx', 'manifest.json']);
    for (const f of manifest.files) {
      const bytes = await zip.file(f.name)!.async('nodebuffer');
      expect(createHash('sha256').update(bytes).digest('hex'), f.name).toBe(f.sha256);
    }
    expect(pageErrors).toEqual([]);

    // The briefing on its own, as the recipient opens it: no request leaves the page, and it prints.
    const html = await zip.file('briefing.html')!.async('string');
    writeFileSync(resolve(ARTIFACTS, 'handover-briefing.html'), html);
    const viewer = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const requests: string[] = [];
    viewer.on('request', (r) => requests.push(r.url()));
    await viewer.setContent(html, { waitUntil: 'load' });
    expect(requests).toEqual([]);
    expect(await viewer.locator('h1').textContent()).toContain('November courier calls');
    expect(await viewer.locator('svg.map circle').count()).toBeGreaterThan(1);
    expect(await viewer.locator('table.members tbody.member').count()).toBe(saved.incidents.length);
    await screenshot(viewer, 'handover-briefing');
    const pdf = await viewer.pdf({ path: resolve(ARTIFACTS, 'handover-briefing.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await viewer.close();
  });

  it('an analyst is not offered the pack', async () => {
    const { page } = await newSignedInPage(browser, baseUrl, analyst);
    await page.goto(`${baseUrl}/series?saved=${saved.id}`);
    await page.locator('[data-testid="series-detail"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="assessment-source"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="handover-pack"]').count()).toBe(0);
  });
});
