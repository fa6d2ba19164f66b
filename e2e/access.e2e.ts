import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditList, UserList } from '@scam/shared';
import { PHONE, launchBrowser, newAnalystPage, newSignedInPage, screenshot } from './support/browser.js';
import { AppHeader, IncidentsPage, OverviewPage, SignInPage, api, apiStatus, eventually } from './support/pages.js';
import { sessionFor, signInCookie } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every API request the page makes, by path, so a test can say what was never asked for. */
function recordApiCalls(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) paths.push(url.pathname);
  });
  return paths;
}

/** Which field has the cursor, told by its autocomplete attribute (the e2e code has no DOM types). */
async function focusedAutocomplete(page: Page): Promise<unknown> {
  return page.evaluate('document.activeElement && document.activeElement.getAttribute("autocomplete")');
}

/** The width the page lays out to: wider than the window means something sticks out sideways. */
async function pageWidth(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
}

describe('sign-in', () => {
  it('says when the password is wrong, then signs in and opens the page that was asked for', async () => {
    const { page, context, pageErrors } = await newAnalystPage(browser);
    await page.goto(`${baseUrl}/incidents?method=courier`);
    const signIn = new SignInPage(page);
    await signIn.waitFor();
    expect(await page.locator('[data-testid="protective-marking"]').textContent()).toBe('OFFICIAL-SENSITIVE');
    // Nothing of the dashboard shows before signing in.
    expect(await page.locator('nav[aria-label="Main"]').count()).toBe(0);
    expect(await focusedAutocomplete(page)).toBe('username');
    await screenshot(page, 'sign-in');

    await signIn.signIn(accounts.analyst.username, 'not-the-right-password');
    await signIn.error().waitFor();
    expect(await signIn.error().textContent()).toMatch(/password/i);
    // The password is cleared and the cursor put back in it, ready for another try.
    expect(await page.locator('[data-testid="sign-in-password"]').inputValue()).toBe('');
    expect(await focusedAutocomplete(page)).toBe('current-password');
    expect(await signIn.submit().isEnabled()).toBe(true);
    await screenshot(page, 'sign-in-error');

    await page.locator('[data-testid="sign-in-password"]').fill(accounts.analyst.password);
    await signIn.submit().click();
    const incidents = new IncidentsPage(page);
    expect(await incidents.total()).toBeGreaterThan(0);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/incidents');
    expect(url.searchParams.get('method')).toBe('courier');
    expect(await new AppHeader(page).signedInAs()).toEqual({ name: accounts.analyst.username, role: 'Analyst' });
    expect(await signIn.form().count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('fits a phone screen', async () => {
    const { page, context } = await newAnalystPage(browser, PHONE);
    await page.goto(baseUrl);
    await new SignInPage(page).waitFor();
    // Nothing sticks out sideways: the form and the marking fit the width.
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'sign-in-phone');
    await context.close();
  });

  it('asks again when the session ends mid-task, and returns to the same view', async () => {
    const analyst = await sessionFor(baseUrl, accounts.analyst);
    const { page, context } = await newSignedInPage(browser, baseUrl, analyst);
    await page.goto(`${baseUrl}/incidents?method=hmrc`);
    const incidents = new IncidentsPage(page);
    const total = await incidents.total();
    // What an idle timeout looks like from the browser: the next request carries no valid session.
    await context.clearCookies();
    await page.locator('[data-testid="page-next"]').click();
    const signIn = new SignInPage(page);
    await signIn.waitFor();
    expect(await page.locator('[data-testid="session-ended"]').textContent()).toMatch(/session has ended/i);
    expect(await page.locator('[data-testid="sign-in-username"]').inputValue()).toBe(accounts.analyst.username);
    const asked = page.url();
    expect(new URL(asked).searchParams.get('offset')).toBe('50');

    await page.locator('[data-testid="sign-in-password"]').fill(accounts.analyst.password);
    await signIn.submit().click();
    await eventually(async () => {
      expect(await incidents.total()).toBe(total);
      expect(await incidents.rows().count()).toBeGreaterThan(0);
    });
    expect(page.url()).toBe(asked);
    await context.close();
  });
});

describe('roles', () => {
  it('a viewer sees the overview only: no drill-down, no export, no series banner, and a plain refusal elsewhere', async () => {
    const viewer = await sessionFor(baseUrl, accounts.viewer);
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, viewer);
    const calls = recordApiCalls(page);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open('from=2025-12-01&to=2025-12-31');
    const header = new AppHeader(page);
    expect(await header.navTitles()).toEqual(['Overview']);
    expect(await header.signedInAs()).toEqual({ name: accounts.viewer.username, role: 'Viewer' });
    expect(await page.locator('[data-testid="demo-marker"]').textContent()).toBe('DEMO DATA');

    const marker = overview.markers().first();
    await marker.waitFor({ timeout: 30_000 });
    await marker.click();
    await page.locator('[data-testid="map-popup"]').waitFor();
    expect(await page.locator('[data-testid="show-incidents"]').count()).toBe(0);
    expect(await page.locator('[data-testid="series-alerts"]').count()).toBe(0);
    expect(calls).not.toContain('/api/series/alerts');
    await screenshot(page, 'viewer-overview');

    await page.goto(`${baseUrl}/incidents`);
    const refusal = page.locator('[data-testid="not-for-role"]');
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toContain('Your role (Viewer) cannot open this page');
    expect(await page.locator('[data-testid="export-csv"]').count()).toBe(0);
    expect(calls).not.toContain('/api/incidents');
    // The server agrees: the list is refused to this session, not just hidden.
    expect(await apiStatus(baseUrl, '/api/incidents', viewer)).toBe(403);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('an importer sees the import screen but no incidents, and no erasure in the import history', async () => {
    const importer = await sessionFor(baseUrl, accounts.importer);
    const { page, context } = await newSignedInPage(browser, baseUrl, importer);
    await page.goto(`${baseUrl}/import`);
    await page.locator('[data-testid="import-history-row"]').first().waitFor({ timeout: 30_000 });
    expect(await new AppHeader(page).navTitles()).toEqual(['Overview', 'Import']);
    expect(await page.locator('[data-testid="rollback"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="erase"]').count()).toBe(0);
    await context.close();
  });
});

describe('markings', () => {
  it('shows the protective marking and, when the database is read-only, a banner on every page', async () => {
    const analyst = await sessionFor(baseUrl, accounts.analyst);
    const { page, context } = await newSignedInPage(browser, baseUrl, analyst);
    // The server only says read-only when its disk refuses writes; here its answer is edited in flight.
    await context.route('**/api/session', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), readOnly: true } });
    });
    const banner = page.locator('[data-testid="read-only-banner"]');
    await new OverviewPage(page, baseUrl).open();
    expect(await banner.textContent()).toBe('The database is read-only: imports and edits are disabled');
    expect(await page.locator('[data-testid="protective-marking"]').isVisible()).toBe(true);
    await page.locator('[data-testid="nav-series"]').click();
    await page.locator('h1', { hasText: 'Series' }).first().waitFor({ timeout: 30_000 });
    expect(await banner.isVisible()).toBe(true);
    expect(await page.locator('[data-testid="protective-marking"]').isVisible()).toBe(true);
    await screenshot(page, 'read-only-banner');

    await context.unroute('**/api/session');
    await page.reload();
    await page.locator('[data-testid="account"]').waitFor({ timeout: 30_000 });
    expect(await banner.count()).toBe(0);
    await context.close();
  });
});

describe('sign-out', () => {
  it('returns to the sign-in screen, and the old session no longer opens the API', async () => {
    const { page, context } = await newAnalystPage(browser);
    await page.goto(`${baseUrl}/?method=courier`);
    const signIn = new SignInPage(page);
    await signIn.waitFor();
    await signIn.signIn(accounts.inspector.username, accounts.inspector.password);
    await new OverviewPage(page, baseUrl).waitForFigures();
    const [cookie] = await context.cookies(baseUrl);
    expect(cookie).toBeDefined();
    const old = `${cookie?.name}=${cookie?.value}`;
    expect(await apiStatus(baseUrl, '/api/summary', old)).toBe(200);

    await new AppHeader(page).signOut();
    await signIn.waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('[data-testid="account"]').count()).toBe(0);
    expect(await page.evaluate(() => fetch('/api/summary').then((r) => r.status))).toBe(401);
    expect(await apiStatus(baseUrl, '/api/summary', old)).toBe(401);
    await context.close();
  });
});

describe('administration', () => {
  it('lists the audit trail with the admin’s own sign-in, filters it, and exports the same filter as CSV', async () => {
    // Signed in for the API checks before the page is, so the page's list already holds every sign-in.
    const admin = await sessionFor(baseUrl, accounts.admin);
    const { page, context, pageErrors } = await newAnalystPage(browser);
    await page.goto(`${baseUrl}/admin`);
    const signIn = new SignInPage(page);
    await signIn.waitFor();
    await signIn.signIn(accounts.admin.username, accounts.admin.password);
    const rows = page.locator('[data-testid="audit-row"]');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="audit-row"][data-action="sign_in"][data-user="admin"]').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="users-table"]').waitFor();
    await screenshot(page, 'admin');

    await page.locator('[data-testid="audit-action"]').selectOption('sign_in');
    await page.locator('[data-testid="audit-user"]').fill('admin');
    await page.locator('[data-testid="audit-apply"]').click();
    await eventually(async () => {
      const url = new URL(page.url());
      expect(url.searchParams.get('action')).toBe('sign_in');
      expect(url.searchParams.get('user')).toBe('admin');
      const actions = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-action')} ${e.getAttribute('data-user')}`));
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(['sign_in admin']));
    });
    const expected = await api<AuditList>(baseUrl, '/api/audit?action=sign_in&user=admin', admin);
    expect(await rows.count()).toBe(Math.min(expected.total, 50));

    const href = (await page.locator('[data-testid="audit-export"]').getAttribute('href')) ?? '';
    const exported = new URL(href, baseUrl);
    expect(exported.pathname).toBe('/api/audit.csv');
    expect(exported.searchParams.get('action')).toBe('sign_in');
    expect(exported.searchParams.get('user')).toBe('admin');
    const csv = await fetch(exported, { headers: { Cookie: admin } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split(/\r?\n/).slice(1);
    expect(lines.length).toBe(expected.total);
    expect(lines.every((l) => l.includes('sign_in'))).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('adds a user, showing the server’s reason when a password is refused, and disables them', async () => {
    const admin = await sessionFor(baseUrl, accounts.admin);
    const { page, context } = await newSignedInPage(browser, baseUrl, admin);
    await page.goto(`${baseUrl}/admin`);
    await page.locator('[data-testid="users-table"]').waitFor({ timeout: 30_000 });
    const form = page.locator('[data-testid="add-user"]');
    await form.locator('[data-testid="add-user-name"]').fill('e2e.newcomer');
    await form.locator('[data-testid="add-user-role"]').selectOption('inspector');
    await form.locator('[data-testid="add-user-password"]').fill('short');
    await form.locator('[data-testid="add-user-submit"]').click();
    const refusal = form.locator('[role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/12 characters/);
    expect(await page.locator('[data-testid="user-row"][data-name="e2e.newcomer"]').count()).toBe(0);

    await form.locator('[data-testid="add-user-password"]').fill('amber-canyon-whistle-19');
    await form.locator('[data-testid="add-user-submit"]').click();
    await form.locator('[data-testid="add-user-done"]').waitFor();
    const row = page.locator('[data-testid="user-row"][data-name="e2e.newcomer"]');
    await row.waitFor();
    expect(await row.getAttribute('data-role')).toBe('inspector');
    const users = await api<UserList>(baseUrl, '/api/users', admin);
    expect(users.users.find((u) => u.name === 'e2e.newcomer')).toMatchObject({ role: 'inspector', disabled: false });
    // The new account works.
    await signInCookie(baseUrl, { username: 'e2e.newcomer', password: 'amber-canyon-whistle-19' });

    await row.locator('[data-testid="user-toggle"]').click();
    await eventually(async () => expect(await row.getAttribute('data-disabled')).toBe('true'));
    expect(await row.textContent()).toContain('Disabled');
    await expect(signInCookie(baseUrl, { username: 'e2e.newcomer', password: 'amber-canyon-whistle-19' })).rejects.toThrow();

    const phone = await newSignedInPage(browser, baseUrl, admin, PHONE);
    await phone.page.goto(`${baseUrl}/admin`);
    await phone.page.locator('[data-testid="audit-row"]').first().waitFor({ timeout: 30_000 });
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'admin-phone');
    await phone.context.close();
    await context.close();
  });

  it('rolls back a batch and then erases it for good, which only an administrator is offered', async () => {
    const admin = await sessionFor(baseUrl, accounts.admin);
    // One good row and one the import rejects, so the batch leaves history and rejected rows behind.
    const csv =
      'Reference,Date,Town,Method,Loss (£),Victim age,Outcome\r\nE2E/ERASE/1,03/11/2023,Watford,Courier fraud,£250.00,81,Money lost\r\nE2E/ERASE/2,04/11/2023,Watfrod,Courier fraud,,80,Money lost\r\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'to-erase.csv');
    const res = await fetch(`${baseUrl}/api/imports`, { method: 'POST', body: form, headers: { Cookie: admin, Origin: baseUrl } });
    expect(res.status).toBe(201);
    const { batchId } = (await res.json()) as { batchId: number };

    const { page, context } = await newSignedInPage(browser, baseUrl, admin);
    await page.goto(`${baseUrl}/import`);
    const row = page.locator(`[data-testid="import-history-row"][data-batch="${batchId}"]`);
    await row.waitFor({ timeout: 30_000 });
    // A committed batch can be rolled back but not erased: erasure is for what a rollback set aside.
    expect(await row.locator('[data-testid="erase"]').count()).toBe(0);
    await row.locator('[data-testid="rollback"]').click();
    await row.locator('[data-testid="rollback-confirm"]').click();
    await eventually(async () => expect(await row.getAttribute('data-status')).toBe('rolled_back'));

    await row.locator('[data-testid="erase"]').click();
    await row.locator('[data-testid="erase-confirm"]').click();
    const result = page.locator('[data-testid="erase-result"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toMatch(new RegExp(`^Erased batch #${batchId}: .* and 1 rejected row deleted\\.$`));
    await eventually(async () => expect(await row.textContent()).toContain('Erased'));
    expect(await row.locator('[data-testid="erase"]').count()).toBe(0);
    // Nothing left to download: the rejected rows went with the erasure.
    expect(await row.getByText('Rejected rows (CSV)').count()).toBe(0);
    const audit = await api<AuditList>(baseUrl, '/api/audit?action=erasure&user=admin', admin);
    expect(audit.total).toBeGreaterThan(0);
    await context.close();
  });
});
