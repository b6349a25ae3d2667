// The support desk in chromium: a customer opens a case on the portal, a `support` account finds
// it in the console's queue, asks for more and the customer sees it; axe (WCAG 2 A/AA) finds
// nothing on the queue and the case page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { instantFromEpochMs } from '../../src/domain/calendar.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { enrolledStaff } from '../helpers/staff.ts';
import { launchBrowser, registerThroughPages, SERVER_SECRET, startPortalServer, wcagViolations, type Browser, type PortalServer } from './portal-harness.ts';

const LINE = '+994500000101';

let server: PortalServer;
let browser: Browser;
let page: Page;

describe('the support desk in chromium', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    await seedDemoStores({ db: server.db, now: () => instantFromEpochMs(Date.now()) });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a case from the portal, answered from the console', async () => {
    await registerThroughPages(page, server, LINE, '0500000101');
    await page.goto(`${server.url}/support?lang=en`);
    await page.locator('#category').selectOption('renewal');
    await page.locator('#text').fill('My renewal did not show up.');
    await page.locator('form[method=post][action="/support"] button[type=submit]').click();
    await page.waitForURL(/sent=S-/);
    const ref = /sent=(S-[0-9A-F]{8})/.exec(page.url())?.[1] ?? '';

    const now = () => instantFromEpochMs(Date.now());
    const desk = await enrolledStaff({ db: server.db, now, secret: SERVER_SECRET }, 'support', 'baku-28-may', '+994700000199', { ip: null, userAgent: null });
    const staffPage = await browser.context.newPage();
    await browser.context.addCookies([{ name: 'saxla_staff', value: desk.token, url: server.url }]);
    await staffPage.goto(`${server.url}/staff/support?lang=en`);
    assert.equal((await staffPage.locator('h1').textContent())?.trim(), 'Support cases waiting, oldest first');
    assert.deepEqual(await wcagViolations(staffPage), [], 'axe on the queue');
    await staffPage.locator(`a:text("${ref}")`).click();
    await staffPage.waitForURL(/\/staff\/support\/[0-9a-f-]{36}/);
    assert.deepEqual(await wcagViolations(staffPage), [], 'axe on the case');
    await staffPage.locator('#action').selectOption('more_info');
    await staffPage.locator('#text').fill('Which card did you pay with?');
    await staffPage.locator('form[action^="/staff/support/"] button[type=submit]').click();
    await staffPage.waitForLoadState();
    assert.match(await staffPage.locator('main').textContent() ?? '', /asked for more/);

    await page.goto(`${server.url}/support?lang=en`);
    await page.locator(`a:text("Case ${ref}")`).click();
    assert.match(await page.locator('main').textContent() ?? '', /We need a few more details/);
    assert.match(await page.locator('main').textContent() ?? '', /Which card did you pay with\?/);
  });
});
