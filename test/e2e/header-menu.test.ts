// The header on a 390-pixel phone: one row (brand, official address, "Menu") no taller than 15 %
// of the screen; the menu opens without JavaScript, by mouse and by keyboard, and closes again;
// axe finds nothing serious with it closed or open. The same for the staff console's header.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, seriousViolations, startPortalServer, wcagViolations, type PortalServer } from './portal-harness.ts';

const PHONE = { width: 390, height: 844 };
let server: PortalServer;
let browser: Browser;

async function headerHeight(page: Page): Promise<number> {
  const box = await page.locator('header').first().boundingBox();
  assert.ok(box, 'a header');
  return box.height;
}

describe('the header menu on a phone', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('portal: one row, at most 15 % of the screen; the menu opens and closes without JavaScript', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=zh`);
    const closed = await headerHeight(page);
    assert.ok(closed <= PHONE.height * 0.15, `header ${closed}px of ${PHONE.height}px`);
    const stores = page.getByRole('link', { name: '门店', exact: true });
    assert.equal(await stores.isVisible(), false, 'the links wait in the menu');
    assert.equal(await page.getByRole('link', { name: 'English' }).isVisible(), false);
    await page.getByRole('link', { name: '菜单', exact: true }).click();
    assert.equal(await stores.isVisible(), true, 'the menu opened without a script');
    assert.equal(await page.getByRole('link', { name: 'English' }).isVisible(), true, 'the languages too');
    assert.equal(await page.getByRole('link', { name: '菜单', exact: true }).isVisible(), false, 'the toggle gives way to "close"');
    await page.getByRole('link', { name: '关闭菜单' }).click();
    assert.equal(await stores.isVisible(), false, 'and closes again');
    await context.close();
  });

  test('portal: the keyboard opens the menu; axe is clean closed and open; wide screens show the links inline', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=tr`);
    assert.deepEqual(await seriousViolations(page), [], 'axe with the menu closed');
    // Tab order: the skip link, the brand, then "Menu".
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent.trim()'), '☰ Menü');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Mağazalar' }).waitFor({ state: 'visible' });
    assert.deepEqual(await seriousViolations(page), [], 'axe with the menu open');
    // The one-glyph manat font loads under the CSP and has the glyph (no box for ₼ anywhere).
    assert.equal(await page.evaluate(`document.fonts.load('16px "Saxla Manat"', '\u20bc').then((faces) => faces.length)`), 1);
    assert.equal(await page.evaluate(`document.fonts.check('16px "Saxla Manat"', '\u20bc')`), true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/?lang=tr`);
    assert.equal(await page.getByRole('link', { name: 'Mağazalar' }).isVisible(), true, 'inline on a wide screen');
    assert.equal(await page.getByRole('link', { name: 'Menü', exact: true }).isVisible(), false, 'no toggle there');
    await context.close();
  });

  test('staff console: one row on a phone; the menu opens without JavaScript; WCAG clean', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/staff/login?lang=tr`);
    const height = await headerHeight(page);
    assert.ok(height <= PHONE.height * 0.15, `header ${height}px of ${PHONE.height}px`);
    const chinese = page.getByRole('link', { name: '中文' });
    assert.equal(await chinese.isVisible(), false);
    await page.getByRole('link', { name: 'Menü', exact: true }).click();
    assert.equal(await chinese.isVisible(), true, 'the languages open without a script');
    await context.close();
    const checked = await browser.newContext({ viewport: PHONE });
    const wcag = await checked.newPage();
    await wcag.goto(`${server.url}/staff/login?lang=tr#console-menu`);
    assert.deepEqual(await wcagViolations(wcag), [], 'axe (WCAG 2 A/AA) with the menu open');
    await checked.close();
  });
});
