// The promotions page and its announcement in chromium, in every language: axe finds no serious
// or critical violation, <html lang> is the page's, and the running codes are there to be read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { locales } from '../../src/domain/money.ts';
import { launchBrowser, screenshots, seriousViolations, startPortalServer, type Browser, type PortalServer } from './portal-harness.ts';

let server: PortalServer;
let browser: Browser;

before(async () => {
  server = await startPortalServer();
  browser = await launchBrowser();
  const today = new Date().toISOString().slice(0, 10);
  await server.db.query(`insert into announcements (id, texts, starts_on, ends_on, created_at) values ($1, $2, $3::date - 1, $3::date + 1, now())`,
    [randomUUID(), JSON.stringify(Object.fromEntries(locales.map((l) => [l, `Notice ${l}`]))), today]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the promotions page in every language', { timeout: 120_000 }, async () => {
  const page = await browser.context.newPage();
  for (const lang of locales) {
    const response = await page.goto(`${server.url}/promotions?lang=${lang}`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.deepEqual(await seriousViolations(page), [], `axe (${lang})`);
    assert.equal(await page.locator('code', { hasText: 'WELCOME10' }).count(), 1, lang);
    assert.equal(await page.locator('.announcements', { hasText: `Notice ${lang}` }).count(), 1, lang);
    if (lang === 'zh' || lang === 'tr') await screenshots(page, `promotions-${lang}`);
  }
});
