// Support and store visits in a browser: a case opened about a statement entry (in Chinese), a
// visit booked from a store page, seen on the dashboard and cancelled (in Turkish); axe finds no
// serious or critical violation on these pages in any language. Screenshots go to
// test-results/portal for a person to look at.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { locales } from '../../src/domain/money.ts';
import { launchBrowser, registerThroughPages, screenshots, seriousViolations, startPortalServer, type Browser, type PortalServer } from './portal-harness.ts';

const LINE = '+994500000101';
const STORE = 'baku-fountain-square';

let server: PortalServer;
let browser: Browser;
let page: Page;
let casePath = '';

describe('support and store visits in a browser', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await registerThroughPages(page, server, LINE, '0500000101');
    // A top-up after signing up: an entry of this account's statement to ask about.
    const topUp = await server.app.inject({
      method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(LINE)}/top-ups`,
      headers: { authorization: 'Bearer e2e-admin-token-0123456789', 'idempotency-key': 'e2e-support' },
      payload: { amount: { amount: 500, currency: 'AZN' }, reference: 'e2e' },
    });
    assert.ok(topUp.statusCode < 300, topUp.body);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a case about a statement entry, opened from the support page in Chinese', async () => {
    await page.goto(`${server.url}/support?lang=zh`);
    await page.locator('form[method=get] #msisdn').selectOption(LINE);
    await page.locator('form[method=get] button[type=submit]').click();
    await page.waitForURL(/msisdn=/);
    const entries = page.locator('input[name=entryIds]');
    assert.ok(await entries.count() >= 1, 'the number\'s entries are offered');
    await entries.first().check();
    await page.locator('#category').selectOption('billing');
    await page.locator('#text').fill('这笔扣费我不认识。');
    await page.locator('form[method=post][action="/support"] button[type=submit]').click();
    await page.waitForURL(/sent=S-/);
    assert.match(await page.locator('.alert.ok, [role=status]').first().textContent() ?? '', /工单 S-[0-9A-F]{8} 已创建/);
    await screenshots(page, 'support-zh');
    casePath = (await page.locator('a[href^="/support/"]').first().getAttribute('href')) ?? '';
    assert.match(casePath, /^\/support\/[0-9a-f-]{36}$/);
    await page.goto(`${server.url}${casePath}?lang=zh`);
    assert.match(await page.locator('main').textContent() ?? '', /这笔扣费我不认识。/);
    assert.match(await page.locator('main').textContent() ?? '', /等待我们回复/);
  });

  test('a visit booked from a store page, seen on the dashboard and cancelled, in Turkish', async () => {
    await page.goto(`${server.url}/stores?lang=tr`);
    await page.locator(`a[href="/stores/${STORE}"]`).click();
    await page.waitForURL(new RegExp(`/stores/${STORE}`));
    await screenshots(page, 'store-page-tr');
    // The next day with a free time (weekends and holidays have none).
    let found = false;
    for (let i = 1; i <= 10 && !found; i++) {
      const day = new Date(Date.now() + i * 86_400_000 + 4 * 3_600_000).toISOString().slice(0, 10);
      await page.locator('#date').fill(day);
      await page.locator('form[method=get] button[type=submit]').click();
      await page.waitForURL(new RegExp(`date=${day}`));
      found = await page.locator('input[name=slotStart]').count() > 0;
    }
    assert.ok(found, 'a free time within ten days');
    await screenshots(page, 'store-slots-tr');
    assert.deepEqual(await seriousViolations(page), [], 'axe on the store page with its times');
    await page.locator('form[action$="/visits"] button[type=submit]').click();
    await page.waitForURL(/\/dashboard\?visit=booked/);
    const visits = page.locator('#visits + .alert, section[aria-labelledby=visits]');
    assert.match(await visits.first().textContent() ?? '', /Randevunuz alındı/);
    assert.match(await page.locator('section[aria-labelledby=visits]').textContent() ?? '', /Fəvvarələr|Fountain|Çeşme|Saxla/);
    await screenshots(page, 'dashboard-visit-tr');
    await page.locator('form[action^="/visits/"] button[type=submit]').click();
    await page.waitForURL(/visit=cancelled/);
    assert.match(await page.locator('section[aria-labelledby=visits]').textContent() ?? '', /Randevunuz iptal edildi/);
  });

  test('every language: axe clean and <html lang> on the support pages and a store page', async () => {
    assert.ok(casePath, 'needs the case from the first test');
    for (const lang of locales) {
      for (const path of ['/support', casePath, `/stores/${STORE}`, '/stores']) {
        const response = await page.goto(`${server.url}${path}?lang=${lang}`);
        assert.equal(response?.status(), 200, `${path} (${lang})`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.deepEqual(await seriousViolations(page), [], `axe on ${path} (${lang})`);
      }
    }
    await page.goto(`${server.url}${casePath}?lang=tr`);
    await screenshots(page, 'support-case-tr');
  });
});
