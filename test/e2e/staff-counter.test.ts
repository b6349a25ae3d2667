// The staff console's counter flow in chromium against a real server: first sign-in (one-time
// password → authenticator QR → first code → forced password change), signing in again with the
// new password and a code, then a POS sale at the counter: the line found by its ICCID, the ID
// check, plan and months, the amount sent to the (simulated) terminal and its answer, the receipt
// and its PDF, the shift report. axe-core's WCAG 2
// A and AA rules find nothing on any console page on the way, nor on a manager's team and audit
// pages, nor on a page in Azerbaijani.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { instantFromEpochMs } from '../../src/domain/calendar.ts';
import { demoLines } from '../../src/services/seed-demo.ts';
import { createStaff } from '../../src/services/staff-auth.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { enrolledStaff, totpCode } from '../helpers/staff.ts';
import { launchBrowser, SERVER_SECRET, startPortalServer, wcagViolations, type Browser, type PortalServer } from './portal-harness.ts';

const STORE = 'baku-28-may';
const AGENT_PHONE = '+994700000901';
const TYPED_PHONE = '070 000 09 01'; // as an agent types it
const NEW_PASSWORD = 'Qiz-Qalasi-Counter-2026';
const LINE = demoLines[1]; // +994500000102: 5 days left, no plan

let server: PortalServer;
let browser: Browser;
let page: Page;
let totpSecret = '';
let initialPassword = '';

async function expectWcagClean(name: string): Promise<void> {
  assert.deepEqual(await wcagViolations(page), [], `axe (WCAG 2 A/AA) on ${name}`);
}

/** Clicks the submit button of the form posting to `action` and waits for the page it leads to. */
async function submit(action: string, next: RegExp): Promise<void> {
  await page.locator(`form[action="${action}"] button[type=submit]`).click();
  try {
    await page.waitForURL(next, { timeout: 15_000 });
  } catch (error) {
    const shown = (await page.locator('body').textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    throw new Error(`${action} led to ${page.url()}, not ${next}: ${shown.replace(/\s+/g, ' ').slice(0, 400)}`, { cause: error });
  }
}

/** The code the authenticator shows `aheadMs` from now; the server runs on the real clock too. */
const codeAt = (aheadMs = 0): Promise<string> => totpCode(totpSecret, instantFromEpochMs(Date.now() + aheadMs));

const heading = async (): Promise<string> => ((await page.locator('h1').textContent()) ?? '').trim();

describe('staff console counter flow in chromium', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    // As `saxla staff create` does: the one-time password and the TOTP secret go to the agent.
    const created = await createStaff({ db: server.db, now: () => instantFromEpochMs(Date.now()), secret: SERVER_SECRET },
      { role: 'agent', storeId: STORE, phone: AGENT_PHONE }, { staffId: null, origin: { ip: null, userAgent: null } });
    totpSecret = created.totpSecret;
    initialPassword = created.initialPassword;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('first sign-in: one-time password → QR enrolment → code → own password; then password and code', async () => {
    await page.goto(`${server.url}/staff`);
    await page.waitForURL(/\/staff\/login$/);
    await expectWcagClean('login');
    await page.locator('#phone').fill(TYPED_PHONE);
    await page.locator('#password').fill(initialPassword);
    await submit('/staff/login', /\/staff\/enrol$/);

    assert.equal(await heading(), 'Set up your authenticator');
    const qr = page.getByAltText('QR code for the authenticator app');
    assert.ok(await qr.isVisible(), 'the QR code shows');
    assert.match(await qr.getAttribute('src') ?? '', /^data:image\/png;base64,/);
    await expectWcagClean('enrol');
    await page.locator('#code').fill(await codeAt());
    await submit('/staff/enrol', /\/staff\/password$/);

    assert.equal(await heading(), 'Change your password');
    await expectWcagClean('password');
    await page.locator('#current').fill(initialPassword);
    await page.locator('#next').fill(NEW_PASSWORD);
    await submit('/staff/password', /\/staff$/);
    assert.equal(await heading(), 'Counter');

    await page.locator('.menu-toggle').click(); // "Sign out" sits in the header's menu on a phone
    await submit('/staff/logout', /\/staff\/login$/);
    await page.locator('#phone').fill(TYPED_PHONE);
    await page.locator('#password').fill(NEW_PASSWORD);
    // A step's code is accepted once and enrolment used this one: type the next one, as the app
    // shows it 30 s later (the server accepts one step either side).
    await page.locator('#code').fill(await codeAt(30_000));
    await submit('/staff/login', /\/staff$/);
    assert.equal(await heading(), 'Counter');
    await expectWcagClean('counter home');
  });

  test("a POS sale: line by ICCID, ID check, plan and months, the terminal's answer, receipt and its PDF, shift report", async () => {
    assert.match(page.url(), /\/staff$/, 'needs the sign-in step');
    await page.locator('#q').fill(LINE.iccid);
    await submit('/staff/lines', /\/staff\/lines\?q=/);
    assert.equal(await heading(), `Line ${LINE.msisdn}`);
    await expectWcagClean('line');

    await page.locator('#documentType').selectOption('passport');
    await page.locator('#issuingCountry').fill('TUR');
    await page.locator('#documentNumber').fill('U12345678');
    await page.locator('#documentExpires').fill(`${new Date().getUTCFullYear() + 5}-05-01`);
    await page.locator('#iccid').fill(LINE.iccid);
    await submit('/staff/id-checks', /\/staff\/lines\?.*notice=/);
    assert.match(await page.locator('[role=status]').textContent() ?? '', /ID checked; the SIM matches this line/);
    await expectWcagClean('line after the ID check');

    await page.locator('#planCode').selectOption('SAXLA_NOMRE');
    await page.locator('#months').selectOption('3');
    await page.locator('#method').selectOption('pos');
    await submit('/staff/sales', /\/staff\/sales\/[^/?]+$/);
    assert.equal(await heading(), `Sale for ${LINE.msisdn}`);
    assert.match(await page.locator('tbody tr').first().textContent() ?? '', /× 3/, '3 months quoted');
    const total = /Total: ₼(\d+\.\d{2})/.exec(await page.locator('main').textContent() ?? '')?.[1];
    assert.ok(total, 'the sale page shows the total');
    assert.equal(await page.locator('#approvalCode').count(), 0, 'the agent types no slip');
    await page.locator('form[action$="/terminal"] button[type=submit]').click();
    await page.getByText('The amount is on the card terminal').waitFor();
    await expectWcagClean('sale waiting for the terminal');

    // Demo mode: the labelled simulator plays the customer's card; the terminal's answer pays.
    assert.match(await page.locator('#sim').textContent() ?? '', /Payment simulator \(demo only/);
    await page.getByRole('button', { name: 'Simulator: the customer pays' }).click();
    await page.getByText('Paid and activated.').waitFor();
    const number = ((await page.locator('p.ok strong').textContent()) ?? '').trim();
    assert.match(number, /^[A-Z0-9]+-\d+-[A-Z0-9]+$/, 'the receipt number shows');
    await expectWcagClean('sale paid');

    const href = await page.getByRole('link', { name: 'Print the receipt (PDF)' }).getAttribute('href');
    assert.equal(href, `/staff/receipts/${number}.pdf`);
    const pdf = await page.request.get(`${server.url}${href}`); // the browser context's staff cookie
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const bytes = await pdf.body();
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(bytes);
    assert.ok(text.includes(`${total} AZN`), `the PDF shows ${total} AZN`);
    assert.ok(text.includes(number), 'the PDF shows the receipt number');

    // On a phone the console's links sit in the header's menu, which opens without a script.
    await page.getByRole('link', { name: 'Menu', exact: true }).click();
    await page.getByRole('link', { name: 'Shift report' }).click();
    await page.waitForURL(/\/staff\/report$/);
    assert.match(await heading(), /^Shift report \d{4}-\d{2}-\d{2}$/);
    const row = ((await page.locator('tr', { hasText: number }).textContent()) ?? '');
    assert.match(row, new RegExp(`${LINE.msisdn.replace('+', '\\+')}.*pos.*₼${total.replace('.', '\\.')}`), 'the sale is in the report');
    assert.match(await page.locator('tr', { hasText: 'POS' }).first().textContent() ?? '', new RegExp(`POS\\s*1\\s*₼${total.replace('.', '\\.')}`));
    await expectWcagClean('shift report');
  });

  test("a manager's team and audit pages, and the team page in Azerbaijani", async () => {
    const manager = await enrolledStaff({ db: server.db, now: () => instantFromEpochMs(Date.now()), secret: SERVER_SECRET },
      'manager', STORE, '+994700000902', { ip: null, userAgent: null });
    await browser.context.addCookies([{ name: 'saxla_staff', value: manager.token, domain: '127.0.0.1', path: '/staff', httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${server.url}/staff/team`);
    assert.equal(await heading(), 'Team');
    await expectWcagClean('team');
    await page.goto(`${server.url}/staff/audit`);
    assert.equal(await heading(), 'Audit log');
    await expectWcagClean('audit log');
    await page.getByRole('link', { name: 'Menu', exact: true }).click();
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Azərbaycanca' }).click();
    await page.waitForURL(/\/staff\/audit\?lang=az$/);
    await page.getByRole('link', { name: 'Menyu', exact: true }).click();
    await page.getByRole('link', { name: 'Komanda' }).click();
    await page.waitForURL(/\/staff\/team$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'az', 'the cookie keeps the language');
    assert.equal(await heading(), 'Komanda');
    await expectWcagClean('team in Azerbaijani');
  });
});
