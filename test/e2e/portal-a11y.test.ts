// Every portal page in every language: axe-core finds no serious or critical violation, <html
// lang> is the page's language, every form field has a visible label; screenshots at 360 and
// 1280 px go to test-results/portal for a person to look at.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { locales, type Locale } from '../../src/domain/money.ts';
import { launchBrowser, registerThroughPages, screenshots, seriousViolations, startPortalServer, type Browser, type PortalServer } from './portal-harness.ts';

const LINE = '+994500000101';
const languages = locales;

let server: PortalServer;
let browser: Browser;
let page: Page;
let pendingOrder = '';

const publicPages: readonly [string, string][] = [
  ['home', '/'], ['security', '/security'], ['security-checked', '/security?msisdn=0500000101&code=K7QX3M'],
  ['register', '/register'], ['verify', '/verify?phone=050%20000%2001%2001'], ['login', '/login'],
  ['reset', '/reset'], ['reset-confirm', '/reset/confirm?phone=050%20000%2001%2001'], ['stores', '/stores'], ['settings', '/settings'], ['promotions', '/promotions'],
];
const customerPages = (): readonly [string, string][] => [
  ['dashboard', '/dashboard'], ['renew', `/lines/${encodeURIComponent(LINE)}/renew`],
  ['history', `/lines/${encodeURIComponent(LINE)}/history`], ['order-waiting', `/orders/${pendingOrder}`],
  ['top-up', `/lines/${encodeURIComponent(LINE)}/top-up`],
  ['auto-renew', `/lines/${encodeURIComponent(LINE)}/auto-renew`],
  // A day well ahead of the server's real clock, so the page shows a schedule.
  ['keep-until', `/lines/${encodeURIComponent(LINE)}/keep-until?date=${new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10)}&receiveOnly=true`],
];

/** Every input, select and textarea that a person sees has a label they can see too. */
async function unlabelledFields(): Promise<string[]> {
  const raw: unknown = await page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => !el.labels || el.labels.length === 0 || [...el.labels].every((l) => l.offsetParent === null || l.textContent.trim() === ''))
    .map((el) => el.id || el.name)`);
  return raw as string[];
}

async function checkPage(name: string, path: string, lang: Locale): Promise<void> {
  const response = await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  assert.ok(response && response.status() < 400, `${name} (${lang}) answers ${response?.status()}`);
  assert.equal(await page.getAttribute('html', 'lang'), lang, `${name}: <html lang>`);
  assert.deepEqual(await seriousViolations(page), [], `axe on ${name} (${lang})`);
  assert.deepEqual(await unlabelledFields(), [], `visible labels on ${name} (${lang})`);
  if (lang === 'en' || lang === 'az') await screenshots(page, `${name}-${lang}`);
}

describe('portal accessibility in every language', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of languages) {
    test(`public pages in ${lang}`, async () => {
      for (const [name, path] of publicPages) await checkPage(name, path, lang);
    });
  }

  test('signing in, and an order left waiting for its payment', async () => {
    await registerThroughPages(page, server, LINE, '0500000101');
    await page.goto(`${server.url}/lines/${encodeURIComponent(LINE)}/renew`);
    await page.locator('form[action$="/quote"] button[type=submit]').click();
    await page.locator('form[action="/orders"] button[type=submit]').click();
    await page.waitForURL(/\/pay\/sandbox\//);
    pendingOrder = ((await page.locator('dd').first().textContent()) ?? '').trim();
    assert.ok(pendingOrder);
  });

  for (const lang of languages) {
    test(`signed-in pages in ${lang}`, async () => {
      assert.ok(pendingOrder, 'needs the sign-in step');
      for (const [name, path] of customerPages()) await checkPage(name, path, lang);
    });
  }

  test('an error on a form is announced and still passes axe', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.url}/login?lang=az`);
    await page.locator('#phone').fill('0500000101');
    await page.locator('#password').fill('not-the-password-123');
    await page.locator('form[action="/login"] button[type=submit]').click();
    assert.match(await page.locator('[role=alert]').textContent() ?? '', /Nömrə və ya parol düzgün deyil/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshots(page, 'login-error-az');
  });
});
