// The spending page in a browser, in every language: axe finds no serious or critical violation,
// with unusual charges listed, a budget set through the form and "this wasn't me" pressed.
// Screenshots (zh and tr, 360 and 1280 px) go to test-results/portal for a person to look at.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { locales } from '../../src/domain/money.ts';
import { watchSpending } from '../../src/services/watch-spending.ts';
import { instantFromEpochMs } from '../../src/domain/calendar.ts';
import { launchBrowser, registerThroughPages, screenshots, seriousViolations, startPortalServer, type Browser, type PortalServer } from './portal-harness.ts';

const LINE = '+994500000101';
const spending = `/lines/${encodeURIComponent(LINE)}/spending`;

let server: PortalServer;
let browser: Browser;
let page: Page;

describe('the spending page in a browser', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await registerThroughPages(page, server, LINE, '0500000101');
    const admin = { authorization: 'Bearer e2e-admin-token-0123456789' };
    const topUp = await server.app.inject({
      method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(LINE)}/top-ups`, headers: { ...admin, 'idempotency-key': 'e2e-spending' },
      payload: { amount: { amount: 5000, currency: 'AZN' }, reference: 'e2e' },
    });
    assert.ok(topUp.statusCode < 300, topUp.body);
    // Far past the foreign-student plan's packs, so each record costs the balance something.
    const at = new Date(Date.now() - 60_000).toISOString();
    const earlier = new Date(Date.now() - 180_000).toISOString();
    const res = await server.app.inject({
      method: 'POST', url: '/api/v1/admin/usage', headers: admin,
      payload: [
        { sourceId: 'e2e-1', msisdn: LINE, kind: 'roaming_data', quantity: 1_000_000, unit: 'kilobyte', occurredAt: at },
        { sourceId: 'e2e-2', msisdn: LINE, kind: 'international', quantity: 12_000, unit: 'second', occurredAt: earlier, destination: '+88213000000' },
        { sourceId: 'e2e-3', msisdn: LINE, kind: 'sms', quantity: 3, unit: 'message', occurredAt: at, destination: '+994501112233' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    await watchSpending({ db: server.db, now: () => instantFromEpochMs(Date.now()) });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a budget set through the form, in Chinese', async () => {
    await page.goto(`${server.url}${spending}?lang=zh`);
    await page.locator('#budget').fill('5');
    await page.locator('button[name=action][value=save]').click();
    await page.waitForURL(/done=saved/);
    assert.match(await page.locator('[role=status]').first().textContent() ?? '', /预算已保存/);
  });

  test('every language: axe clean, <html lang>, alerts listed', async () => {
    for (const lang of locales) {
      const response = await page.goto(`${server.url}${spending}?lang=${lang}`);
      assert.equal(response?.status(), 200, lang);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.ok(await page.locator('ul.alerts > li').count() >= 1, `${lang}: the alerts are listed`);
      assert.deepEqual(await seriousViolations(page), [], `axe on spending (${lang})`);
      if (lang === 'zh' || lang === 'tr') await screenshots(page, `spending-${lang}`);
      await page.goto(`${server.url}/dashboard?lang=${lang}`);
      assert.deepEqual(await seriousViolations(page), [], `axe on the dashboard (${lang})`);
    }
    await screenshots(page, 'dashboard-spending-tr');
  });

  test('"this wasn\'t me" is recorded and said so, still axe clean', async () => {
    await page.goto(`${server.url}${spending}?lang=tr`);
    assert.equal(await page.locator('#budget').inputValue(), '5,00', 'the budget typed back the Turkish way');
    const before = await page.locator('ul.alerts form button').count();
    await page.locator('ul.alerts form button').first().click();
    await page.waitForURL(/done=disputed/);
    assert.match(await page.locator('[role=status]').first().textContent() ?? '', /Kaydedildi/);
    assert.equal(await page.locator('ul.alerts form button').count(), before - 1);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshots(page, 'spending-disputed-tr');
  });
});
