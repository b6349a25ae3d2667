// Several numbers in the browser, in Chinese (and axe on every page in every language): add a
// number with the code sent to it, renew two in one order, move balance, remove a number.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { locales } from '../../src/domain/money.ts';
import { latestCode, launchBrowser, registerThroughPages, screenshots, seriousViolations, startPortalServer, type Browser, type PortalServer } from './portal-harness.ts';

const LOGIN = '+994550000106';
const ADDED = '+994500000101';

let server: PortalServer;
let browser: Browser;
let page: Page;

async function clean(name: string): Promise<void> {
  assert.equal(await page.getAttribute('html', 'lang'), 'zh', `${name}: <html lang>`);
  assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
  const unlabelled: unknown = await page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), select')]
    .filter((el) => el.offsetParent !== null && (!el.labels || el.labels.length === 0)).map((el) => el.id || el.name)`);
  assert.deepEqual(unlabelled, [], `visible labels on ${name}`);
  await screenshots(page, `accounts-${name}-zh`);
}

describe('several numbers on one account, in the browser', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await registerThroughPages(page, server, LOGIN, '055 000 01 06');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('add a number with the code sent to it', async () => {
    await page.goto(`${server.url}/lines/add?lang=zh`);
    await clean('add');
    await page.locator('#msisdn').fill('050 000 01 01');
    await page.locator('form[action="/lines/add"] button[type=submit]').first().click();
    await clean('add-code');
    await page.locator('#code').fill(await latestCode(server.db, ADDED));
    await page.locator('form[action="/lines/add/verify"] button[type=submit]').click();
    await page.waitForURL(/\/dashboard\?added=/);
    await clean('dashboard');
    assert.equal(await page.locator('article.line').count(), 2);
  });

  test('renew both in one order: the quote shows the multi-line discount', async () => {
    await page.goto(`${server.url}/renew-several?lang=zh`);
    await clean('renew-several');
    await page.locator('form[action="/renew-several/quote"] button[type=submit]').click();
    await page.waitForURL(/\/renew-several\/quote/);
    await clean('renew-several-quote');
    assert.match(await page.locator('table.quote').innerText(), /多号码优惠/);
  });

  test('move balance with the code sent to the sending number', async () => {
    await page.goto(`${server.url}/transfer?lang=zh`);
    await clean('transfer');
    await page.locator('#from').selectOption(LOGIN);
    await page.locator('#to').selectOption(ADDED);
    await page.locator('#amount').fill('2,50');
    await page.locator('form[action="/transfer"] button[type=submit]').click();
    await page.waitForURL(/\/transfer\/[0-9a-f-]+$/);
    await clean('transfer-code');
    await page.locator('#code').fill(await latestCode(server.db, LOGIN));
    await page.locator('form[action$="/confirm"] button[type=submit]').click();
    await page.waitForSelector('p.alert.ok');
    await clean('transfer-done');
  });

  test('remove the added number after a question', async () => {
    await page.goto(`${server.url}/lines/${encodeURIComponent(ADDED)}/remove?lang=zh`);
    await clean('remove');
    await page.locator('form[action$="/remove"] button[type=submit]').click();
    await page.waitForURL(/\/dashboard\?removed=/);
    assert.equal(await page.locator('article.line').count(), 1);
  });

  test('the new pages are axe clean in every language', async () => {
    for (const lang of locales) {
      for (const path of ['/lines/add', '/transfer', '/renew-several', `/lines/${encodeURIComponent(LOGIN)}/remove`]) {
        const response = await page.goto(`${server.url}${path}?lang=${lang}`);
        assert.ok(response && response.status() < 500, `${path} (${lang})`);
        assert.deepEqual(await seriousViolations(page), [], `axe on ${path} (${lang})`);
      }
    }
  });
});
