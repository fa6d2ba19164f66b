import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppealTrail, IncidentList } from '@scam/shared';
import { ARTIFACTS, launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api, eventually, layoutSettled } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
/** An inspector: the role that drafts and exports appeals. */
let inspector: string;

/** December 2025's courier reports: the winter surge the demo data embeds. */
const APPEAL = '/appeals?source=filters&method=courier&from=2025-12-01&to=2025-12-31';

beforeAll(async () => {
  browser = await launchBrowser();
  inspector = await sessionFor(baseUrl, accounts.inspector);
});
afterAll(async () => {
  await browser?.close();
});

/** The appeal editor as the inspector uses it. */
class AppealEditorPage {
  constructor(readonly page: Page) {}

  async open(path = APPEAL): Promise<void> {
    await this.page.goto(`${baseUrl}${path}`);
    await this.page.locator('[data-testid="appeal-edit-body"]').waitFor({ timeout: 60_000 });
    await this.page.locator('[data-testid="appeal-warnings"]').waitFor({ timeout: 30_000 });
  }
  body() {
    return this.page.locator('[data-testid="appeal-edit-body"]');
  }
  warning(code: string) {
    return this.page.locator(`[data-testid="appeal-warning"][data-code="${code}"]`);
  }
  marks() {
    return this.page.locator('[data-testid="appeal-preview"] [data-testid="appeal-mark"]');
  }
  blocked() {
    return this.page.locator('[data-testid="appeal-export-blocked"]');
  }
  exportText() {
    return this.page.locator('[data-testid="appeal-export-text"]');
  }
  async appendParagraph(text: string): Promise<void> {
    const current = await this.body().inputValue();
    await this.body().fill(`${current}\n\n${text}`);
  }
  /** Ticks "I have checked this" beside every warning listed now, except those of the codes given. */
  async acknowledgeAllBut(...codes: string[]): Promise<void> {
    await expect
      .poll(() => this.page.locator('[data-testid="appeal-warnings"]').getAttribute('aria-busy'), { timeout: 15_000 })
      .toBe('false');
    const warnings = this.page.locator('[data-testid="appeal-warning"]');
    for (let i = 0; i < (await warnings.count()); i++) {
      const w = warnings.nth(i);
      if (!codes.includes((await w.getAttribute('data-code')) ?? '')) await w.locator('[data-testid="appeal-ack"]').check();
    }
  }
  /** Opens the print-ready page from the editor; answers the saved version it prints. */
  async openPrint(): Promise<number> {
    await this.page.locator('[data-testid="appeal-print-link"]').click();
    await this.page.locator('[data-testid="appeal-print-sheet"]').waitFor({ timeout: 60_000 });
    return Number(new URL(this.page.url()).searchParams.get('version'));
  }
}

/** The print page: the A4 sheet, its Print button and why it is held. */
class AppealPrintPage {
  constructor(readonly page: Page) {}

  sheet() {
    return this.page.locator('[data-testid="appeal-print-page"] [data-testid="appeal-print-sheet"]');
  }
  printButton() {
    return this.page.locator('[data-testid="appeal-print-page"] [data-testid="print-button"]');
  }
  blocked() {
    return this.page.locator('[data-testid="appeal-print-blocked"]');
  }
}

/** Print exports in the appeal trail that name this saved version. */
async function printsOf(versionId: number) {
  const trail = await api<AppealTrail>(baseUrl, '/api/appeals/exports', inspector);
  return trail.entries.filter((e) => e.action === 'export' && e.format === 'print' && e.draftId === versionId);
}

type Box = { x: number; y: number; r: number; b: number };
function expectInside(inner: Box | null, outer: Box | null, what: string): void {
  expect(inner, what).not.toBeNull();
  expect(outer, what).not.toBeNull();
  expect(inner!.x, what).toBeGreaterThanOrEqual(outer!.x - 1);
  expect(inner!.y, what).toBeGreaterThanOrEqual(outer!.y - 1);
  expect(inner!.r, what).toBeLessThanOrEqual(outer!.r + 1);
  expect(inner!.b, what).toBeLessThanOrEqual(outer!.b + 1);
}

describe('appeal editor', () => {
  it('marks an exact age and a street in place, holds the export until each is acknowledged and the officer named, and records it', async () => {
    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    const editor = new AppealEditorPage(page);
    await editor.open();
    const paragraphs = (await editor.body().inputValue()).split(/\n\s*\n/).length;

    // As drafted: the officer placeholder is in the quote, so export is already on hold.
    await expect.poll(() => editor.blocked().textContent()).toMatch(/Officer quoted/);
    expect(await editor.exportText().isDisabled()).toBe(true);

    await editor.appendParagraph('Callers targeted people aged 84 on Marlborough Road.');
    await editor.warning('exact_age').waitFor({ timeout: 15_000 });
    await editor.warning('street').waitFor();
    const ageText = (await editor.warning('exact_age').textContent()) ?? '';
    expect(ageText).toMatch(new RegExp(`Exact age\\. Paragraph ${paragraphs + 1}: an exact age`));
    expect(ageText).not.toMatch(/exact_age|\bline \d/i);
    expect(await editor.warning('street').textContent()).toMatch(/Street address\. Paragraph \d+: what looks like a street address/);
    // The words themselves are marked in the release preview.
    await expect
      .poll(async () => editor.marks().allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('aged 84'), expect.stringContaining('Marlborough Road')]));
    expect(await editor.exportText().isDisabled()).toBe(true);
    expect(await editor.blocked().textContent()).toMatch(/I have checked this/);
    await screenshot(page, 'appeal-editor-warnings');

    // Acknowledging the warnings is not enough while the officer is not named.
    const acks = page.locator('[data-testid="appeal-ack"]');
    for (let i = 0; i < (await acks.count()); i++) await acks.nth(i).check();
    expect(await editor.blocked().textContent()).toMatch(/Officer quoted/);
    expect(await editor.exportText().isDisabled()).toBe(true);

    await page.locator('[data-testid="appeal-officer"]').fill('Detective Inspector Jo Example');
    await expect.poll(() => editor.blocked().count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator('[data-testid="appeal-preview"]').textContent()).toContain(
      'Detective Inspector Jo Example of the Serious Fraud and Cyber Unit said',
    );
    expect(await page.locator('[data-testid="appeal-preview"]').textContent()).toMatch(/ENDS/);

    await page.locator('[data-testid="appeal-purpose"]').fill('Press office, editor test');
    const [download] = await Promise.all([page.waitForEvent('download'), editor.exportText().click()]);
    expect(download.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE-.*\.txt$/);
    await page
      .locator('[data-testid="appeal-export-status"]')
      .filter({ hasText: /recorded in the audit trail/ })
      .waitFor();

    // The export is in the history, with what was acknowledged, under the inspector.
    await page.locator('[data-testid="appeal-audit"] summary').click();
    await page
      .locator('[data-testid="appeal-audit"] tbody tr')
      .filter({ hasText: /Exported \(plain text\)/ })
      .first()
      .waitFor();
    await eventually(async () => {
      const trail = await api<AppealTrail>(baseUrl, '/api/appeals/exports', inspector);
      const latest = trail.entries.find((e) => e.action === 'export');
      expect(latest?.actor).toBe(accounts.inspector.username);
      expect(latest?.acknowledged).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Exact age: /), expect.stringMatching(/^Street address: /)]),
      );
    });

    // The press office's Word file: made and recorded by the server, marked in its header and footer.
    const [word] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="appeal-export-docx"]').click()]);
    expect(word.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE-.*\.docx$/);
    const docx = await JSZip.loadAsync(await readFile(await word.path()));
    expect(await docx.file('word/document.xml')?.async('string')).toContain('Detective Inspector Jo Example');
    const header = Object.keys(docx.files).find((n) => /^word\/header\d*\.xml$/.test(n)) ?? '';
    expect(await docx.file(header)?.async('string')).toContain('OFFICIAL-SENSITIVE');
    await page
      .locator('[data-testid="appeal-audit"] tbody tr')
      .filter({ hasText: /Exported \(Word\)/ })
      .first()
      .waitFor();
    await screenshot(page, 'appeal-editor-exported');
    expect(pageErrors).toEqual([]);
  });

  it('saves versions and reopens an earlier one', async () => {
    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    const editor = new AppealEditorPage(page);
    await editor.open();
    const title = page.locator('[data-testid="appeal-edit-title"]');
    await title.fill('First wording of the appeal');
    await page.locator('[data-testid="appeal-save-version"]').click();
    const versions = page.locator('[data-testid="appeal-version"]');
    await versions.filter({ hasText: 'First wording of the appeal' }).waitFor({ timeout: 15_000 });

    await title.fill('Second wording of the appeal');
    await page.locator('[data-testid="appeal-save-version"]').click();
    await versions.filter({ hasText: 'Second wording of the appeal' }).waitFor({ timeout: 15_000 });
    // Newest first.
    expect(await versions.first().textContent()).toContain('Second wording of the appeal');

    await versions.filter({ hasText: 'First wording of the appeal' }).locator('[data-testid="appeal-open-version"]').click();
    await expect.poll(() => title.inputValue()).toBe('First wording of the appeal');
    expect(await page.locator('[data-testid="appeal-preview"] [data-testid="appeal-title"]').textContent()).toBe(
      'First wording of the appeal',
    );
    expect(pageErrors).toEqual([]);
  });

  it('prints the release as edited on an A4 sheet, recorded as a print export of the saved version', async () => {
    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    const editor = new AppealEditorPage(page);
    await editor.open();
    const edited = 'Detectives are asking families to talk to older relatives about calls from fake police officers.';
    const paragraphs = (await editor.body().inputValue()).split(/\n\s*\n/);
    const replaced = paragraphs[0] ?? '';
    paragraphs[0] = edited;
    await editor.body().fill(paragraphs.join('\n\n'));
    await page.locator('[data-testid="appeal-officer"]').fill('Detective Inspector Jo Printed');
    await editor.acknowledgeAllBut();
    await expect.poll(() => editor.blocked().count(), { timeout: 15_000 }).toBe(0);
    await page.locator('[data-testid="appeal-purpose"]').fill('Press office, print test');

    const versionId = await editor.openPrint();
    expect(versionId).toBeGreaterThan(0);
    const print = new AppealPrintPage(page);
    await page.locator('[data-testid="print-button"]:not([disabled])').waitFor({ timeout: 30_000 });
    const text = (await print.sheet().textContent()) ?? '';
    expect(text).toContain(edited);
    expect(text).not.toContain(replaced);
    expect(text).toContain('Detective Inspector Jo Printed');
    expect(text).not.toContain('[Name and rank of officer]');
    expect(text).toMatch(/Date of issue: \d{1,2} \w{3} \d{4}/);
    expect(text).toContain('Ref: Serious Fraud and Cyber Unit appeal');
    expect(await print.sheet().locator('[data-testid="appeal-ends"]').textContent()).toBe('ENDS');
    expect(text).toContain('Notes to editors');
    expect(text).toContain('OFFICIAL-SENSITIVE');
    await print.sheet().locator('.appeal-print__chart svg').first().waitFor({ timeout: 30_000 });
    await print.sheet().locator('.appeal-print__map .leaflet-container').first().waitFor({ timeout: 30_000 });

    // Recorded once, through the checked export, with the version and what was acknowledged.
    await eventually(async () => {
      const prints = await printsOf(versionId);
      expect(prints).toHaveLength(1);
      expect(prints[0]?.actor).toBe(accounts.inspector.username);
      expect(prints[0]?.title).toBe(await page.locator('[data-testid="appeal-print-release"] [data-testid="appeal-title"]').textContent());
    });
    await screenshot(page, 'appeal-print-sheet');

    // On paper the chart and the map stay inside their figure boxes, and those inside the sheet.
    await layoutSettled(page, '[data-testid="appeal-print-page"]');
    await page.emulateMedia({ media: 'print' });
    await layoutSettled(page, '[data-testid="appeal-print-page"]');
    const box = async (selector: string): Promise<Box | null> => {
      const r = await print.sheet().locator(selector).first().boundingBox();
      return r ? { x: r.x, y: r.y, r: r.x + r.width, b: r.y + r.height } : null;
    };
    const sheetBox = await print.sheet().boundingBox();
    const boxes = {
      sheet: sheetBox ? { x: sheetBox.x, y: sheetBox.y, r: sheetBox.x + sheetBox.width, b: sheetBox.y + sheetBox.height } : null,
      chartFigure: await box('.appeal-print__chart'),
      chartBody: await box('.appeal-print__chart-body'),
      chart: await box('.appeal-print__chart svg'),
      mapFigure: await box('.appeal-print__map'),
      mapBody: await box('.appeal-print__map-body'),
      map: await box('.appeal-print__map .leaflet-container'),
    };
    expectInside(boxes.chart, boxes.chartBody, 'chart in its box');
    expectInside(boxes.chartBody, boxes.chartFigure, 'chart box in its figure');
    expectInside(boxes.map, boxes.mapBody, 'map in its box');
    expectInside(boxes.mapBody, boxes.mapFigure, 'map box in its figure');
    expectInside(boxes.chartFigure, boxes.sheet, 'chart figure on the sheet');
    expectInside(boxes.mapFigure, boxes.sheet, 'map figure on the sheet');
    expect(boxes.map!.r - boxes.map!.x).toBeGreaterThan(100);
    // A4 portrait less 12 mm margins is 186 mm: the sheet is exactly the printable width.
    expect(Math.round(boxes.sheet!.r - boxes.sheet!.x)).toBe(Math.round((186 / 25.4) * 96));
    const pdf = await page.pdf({ path: resolve(ARTIFACTS, 'appeal-print.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });

    // A reload shows the same version and records no second print of it.
    await page.reload();
    await page.locator('[data-testid="print-button"]:not([disabled])').waitFor({ timeout: 60_000 });
    expect(await print.sheet().textContent()).toContain(edited);
    expect(pageErrors).toEqual([]);
  });

  it('refuses to print while a warning is neither fixed nor acknowledged, says why, and records nothing', async () => {
    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    const editor = new AppealEditorPage(page);
    await editor.open();
    await page.locator('[data-testid="appeal-officer"]').fill('Detective Inspector Jo Refused');
    await editor.appendParagraph('Callers targeted people aged 84.');
    await editor.warning('exact_age').waitFor({ timeout: 15_000 });
    await editor.acknowledgeAllBut('exact_age');
    await expect.poll(() => editor.blocked().textContent(), { timeout: 15_000 }).toMatch(/I have checked this/);

    const versionId = await editor.openPrint();
    const print = new AppealPrintPage(page);
    await print.blocked().waitFor({ timeout: 30_000 });
    const reason = (await print.blocked().textContent()) ?? '';
    expect(reason).toMatch(/cannot be printed yet/);
    expect(reason).toMatch(/Exact age: Paragraph \d+: an exact age/);
    expect(reason).not.toMatch(/exact_age|export_blocked|422/);
    expect(await print.printButton().isDisabled()).toBe(true);
    // The sheet still shows the text, so the inspector can see what is held.
    expect(await print.sheet().textContent()).toContain('Detective Inspector Jo Refused');
    await screenshot(page, 'appeal-print-refused');
    // Printed anyway from the browser, the page carries no release.
    await page.emulateMedia({ media: 'print' });
    expect(await print.sheet().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await printsOf(versionId)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('drafts a dominated loss total in words, and marks the figure when one is typed back in', async () => {
    // A method and district whose December losses one or two people make up (with two, always).
    const december: IncidentList['incidents'] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await api<IncidentList>(baseUrl, `/api/incidents?from=2025-12-01&to=2025-12-31&limit=500&offset=${offset}`, inspector);
      december.push(...page.incidents);
      if (!page.truncated && offset + 500 >= page.total) break;
    }
    const groups = new Map<string, { method: string; district: string; losses: number[] }>();
    for (const i of december) {
      if (i.lossPence <= 0) continue;
      const key = `${i.method}|${i.district}`;
      const group = groups.get(key) ?? { method: i.method, district: i.district, losses: [] };
      group.losses.push(i.lossPence);
      groups.set(key, group);
    }
    const dominated = [...groups.values()].find(({ losses }) => {
      const sorted = [...losses].sort((a, b) => b - a);
      const total = sorted.reduce((a, b) => a + b, 0);
      return sorted.length >= 2 && total >= 1_000_00 && ((sorted[0] ?? 0) > total / 2 || (sorted[0] ?? 0) + (sorted[1] ?? 0) > total * 0.9);
    });
    expect(dominated, 'a method and district with a dominated December loss total').toBeDefined();
    const { method, district, losses } = dominated!;
    const pounds = Math.floor(losses.reduce((a, b) => a + b, 0) / 100);

    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    const editor = new AppealEditorPage(page);
    await editor.open(`/appeals?source=filters&method=${method}&from=2025-12-01&to=2025-12-31&district=${encodeURIComponent(district)}`);
    const lead = (await editor.body().inputValue()).split(/\n\s*\n/)[0] ?? '';
    expect(lead).toMatch(/victims lose (thousands|tens of thousands|hundreds of thousands) of pounds/);
    expect(lead).not.toMatch(/£\s?\d/);
    // Beside the figures: why the total is in words.
    expect(await page.locator('[data-testid="appeal-drafting-note"]').textContent()).toMatch(/not as a figure: .* more than/);

    const figure = `£${pounds.toLocaleString('en-GB')}`;
    await editor.appendParagraph(`Victims have lost ${figure} in all.`);
    await editor.warning('loss_dominance').waitFor({ timeout: 15_000 });
    const text = (await editor.warning('loss_dominance').textContent()) ?? '';
    expect(text).toContain('Total made mostly of one or two losses.');
    expect(text).toContain(`"${figure}" is the total lost`);
    expect(text).toMatch(/Say "(thousands|tens of thousands|hundreds of thousands) of pounds" instead/);
    await expect.poll(async () => editor.marks().allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(figure)]));
    await page.locator('[data-testid="appeal-preview"] [data-testid="appeal-mark"]', { hasText: figure }).scrollIntoViewIfNeeded();
    await screenshot(page, 'appeal-editor-loss-dominance');
    await editor.warning('loss_dominance').scrollIntoViewIfNeeded();
    await screenshot(page, 'appeal-editor-loss-dominance-warning');
    expect(pageErrors).toEqual([]);
  });

  it('shows a calm empty state for filters with no reports', async () => {
    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    await page.goto(`${baseUrl}/appeals?source=filters&method=courier&from=2001-01-01&to=2001-01-02`);
    const empty = page.locator('[data-testid="appeal-empty"]');
    await empty.waitFor({ timeout: 60_000 });
    expect(await empty.textContent()).toMatch(/nothing to appeal about/);
    expect(await page.locator('.notice--error').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
