// The promotions back office in chromium: a marketing account drafts a code in Turkish, sees the
// languages still missing, and the list, form and promotion pages in Chinese and Turkish are clean
// under axe-core's WCAG 2 A and AA rules.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { instantFromEpochMs } from '../../src/domain/calendar.ts';
import { enrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';
import { launchBrowser, screenshots, SERVER_SECRET, startPortalServer, wcagViolations, type Browser, type PortalServer } from './portal-harness.ts';

let server: PortalServer;
let browser: Browser;

before(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  const marketing = await enrolledStaff({ db: server.db, now: () => instantFromEpochMs(Date.now()), secret: SERVER_SECRET, passwordHashing: testPasswordHashing },
    'marketing', null, '+994700000911', { ip: null, userAgent: null });
  const { hostname } = new URL(server.url);
  await browser.context.addCookies([{ name: 'saxla_staff', value: marketing.token, domain: hostname, path: '/staff', httpOnly: true, sameSite: 'Strict' }]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('draft a code, see what is missing; every page clean in zh and tr', { timeout: 120_000 }, async () => {
  const page = await browser.context.newPage();
  const today = new Date(Date.now() + 4 * 3_600_000).toISOString().slice(0, 10);
  await page.goto(`${server.url}/staff/promotions/new?lang=tr`);
  assert.deepEqual(await wcagViolations(page), [], 'new (tr)');
  await page.fill('#code', 'bahar10');
  await page.fill('#percent', '10');
  await page.fill('#validFrom', today);
  await page.fill('#validUntil', today);
  await page.fill('#name_tr', 'Bahar');
  await page.selectOption('#audience', 'existing');
  await page.locator('form[action="/staff/promotions"] button[type=submit]').click();
  await page.waitForURL(/\/staff\/promotions\/BAHAR10/);
  assert.match((await page.locator('p.error').textContent()) ?? '', /Yayımlamadan önce yazın/);
  assert.deepEqual(await wcagViolations(page), [], 'promotion (tr)');
  await screenshots(page, 'staff-promotion-tr');
  for (const path of ['/staff/promotions', '/staff/promotions/BAHAR10', '/staff/promotions/WELCOME10']) {
    await page.goto(`${server.url}${path}?lang=zh`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh');
    assert.deepEqual(await wcagViolations(page), [], `${path} (zh)`);
  }
  await screenshots(page, 'staff-promotion-zh');
});
