// The portal in a real browser against a real server: language, register → code and password → my numbers,
// renew with the sandbox card until activated, the declined path, and another line's data through
// the UI's own API answering 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, latestCode, registerThroughPages, screenshots, seriousViolations, startPortalServer, type Browser, type PortalServer } from './portal-harness.ts';

const LINE = '+994500000101'; // the demo line of a foreign student: 45 days left
const OTHER_LINE = '+994500000102'; // a demo line on no account of this customer

let server: PortalServer;
let browser: Browser;
let page: Page;

async function expectNoSeriousA11yIssues(name: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
  await screenshots(page, name);
}

/** Renew 3 months through the pages up to the provider's page; returns the order id and the promised date. */
async function renewToPaymentPage(): Promise<{ orderId: string; newEnd: string }> {
  await page.goto(`${server.url}/dashboard`);
  await page.locator(`a[href="/lines/${encodeURIComponent(LINE)}/renew"]`).click();
  await page.locator('#months-3').check();
  await page.locator('form[action$="/quote"] button[type=submit]').click();
  const newEnd = (await page.locator('.new-end strong').first().textContent()) ?? '';
  assert.match(newEnd, /^\d{1,2} \w{3} \d{4}$/, 'the quote shows the new end date before paying');
  assert.match((await page.locator('.quote .total').textContent()) ?? '', /^₼\d+\.\d{2}$/);
  await expectNoSeriousA11yIssues('quote-en');
  await page.locator('form[action="/orders"] button[type=submit]').click();
  await page.waitForURL(/\/pay\/sandbox\//);
  const orderId = ((await page.locator('dd').first().textContent()) ?? '').trim();
  assert.ok(orderId.length > 0, 'the hosted page names the order');
  return { orderId, newEnd };
}

describe('customer portal in chromium', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('?lang= sets <html lang>, is remembered across pages, and the switcher changes it', async () => {
    await page.goto(`${server.url}/?lang=ru`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    await page.goto(`${server.url}/login`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ru', 'remembered without ?lang=');
    assert.ok(await page.getByLabel('Номер телефона').isVisible(), 'visible Russian label');
    // On a phone the languages sit in the header's menu, which opens without a script.
    await page.getByRole('link', { name: 'Меню', exact: true }).click();
    await page.getByRole('link', { name: 'Azərbaycanca' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'az');
    await page.goto(`${server.url}/security`);
    assert.equal(await page.getAttribute('html', 'lang'), 'az');
    assert.match(await page.locator('h1').textContent() ?? '', /Təhlükəsizlik/);
    await page.goto(`${server.url}/?lang=en`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
  });

  test('pages carry CSP default-src \'self\' (plus the tile host); the JSON API does not', async () => {
    const html = await page.request.get(`${server.url}/`);
    assert.match(html.headers()['content-security-policy'] ?? '', /default-src 'self'/);
    assert.match(html.headers()['content-security-policy'] ?? '', /img-src 'self' data: https:\/\/tile\.openstreetmap\.org/);
    const api = await page.request.get(`${server.url}/api/v1/plans`);
    assert.equal(api.headers()['content-security-policy'], undefined);
  });

  test('sign-up asks for the password with the code, not before: whoever holds the code chooses it', async () => {
    await page.goto(`${server.url}/register?lang=en`);
    assert.equal(await page.locator('form[action="/register"] input[type=password]').count(), 0, 'no password before the number is proven');
    await page.goto(`${server.url}/verify?phone=${encodeURIComponent('050 000 01 01')}`);
    assert.ok(await page.getByLabel('Choose a password').isVisible(), 'a visible label beside the code');
    assert.equal(await page.locator('form[action="/verify"] #password').getAttribute('autocomplete'), 'new-password');
  });

  test('register → code from the SMS → signed in → my numbers shows the countdown', async () => {
    await registerThroughPages(page, server, LINE, '050 000 01 01');
    const api = await page.request.get(`${server.url}/api/v1/lines/${encodeURIComponent(LINE)}`);
    assert.equal(api.status(), 200);
    const line = await api.json() as { countdown: { daysUntilOneWay: number; daysUntilNumberLost: number } };
    const numbers = await page.locator('.line .count .num').allTextContents();
    assert.deepEqual(numbers.map(Number), [line.countdown.daysUntilOneWay, line.countdown.daysUntilNumberLost]);
    assert.ok(line.countdown.daysUntilOneWay >= 44, 'the demo line has about 45 days');
    assert.match(await page.locator('.line').textContent() ?? '', /Active until/);
    await expectNoSeriousA11yIssues('dashboard-en');
  });

  test('with JavaScript off the dashboard HTML already holds balance and validity; it loads no script', async () => {
    const res = await page.request.get(`${server.url}/dashboard`);
    const body = await res.text();
    assert.match(body, /₼3\.20/, 'balance, server-rendered');
    assert.match(body, /Active until<\/dt><dd>\d{1,2} \w{3} \d{4}/);
    assert.doesNotMatch(body, /<script/, 'no JavaScript at all on the dashboard (budget 100 KB gzip)');
  });

  test('renew 3 months with 4242 4242 4242 4242 → activated with the promised date, confirmation SMS queued', async () => {
    const { orderId, newEnd } = await renewToPaymentPage();
    await page.locator('#cardNumber').fill('4242 4242 4242 4242');
    await page.locator('button[type=submit]').click();
    // The provider's page sends the customer back to the order (returnUrl).
    await page.goto(`${server.url}/orders/${orderId}`);
    await page.locator('[data-status="activated"]').waitFor({ timeout: 20_000 });
    assert.match(await page.locator('[data-status="activated"]').textContent() ?? '', new RegExp(newEnd));
    assert.match(await page.locator('.sms').textContent() ?? '', /renewed.*3 months.*Check code: K7QX3M/s);
    await expectNoSeriousA11yIssues('order-done-en');
    await page.goto(`${server.url}/dashboard`);
    assert.match(await page.locator('.line').textContent() ?? '', new RegExp(newEnd), 'my numbers shows the new end');
    const [sms] = await server.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'renewal_confirmation' order by id desc limit 1", [LINE]);
    assert.ok(sms, 'the confirmation SMS is in the outbox');
    assert.doesNotMatch(sms.body, /https?:|www\./, 'no link in our SMS');
  });

  test('declined card → a clear page, nothing changed, and a retry at the same price while the quote holds', async () => {
    const before = await (await page.request.get(`${server.url}/api/v1/lines/${encodeURIComponent(LINE)}`)).json() as { validUntil: string };
    const { orderId } = await renewToPaymentPage();
    await page.locator('#cardNumber').fill('4000 0000 0000 0002');
    await page.locator('button[type=submit]').click();
    await page.goto(`${server.url}/orders/${orderId}`);
    await page.locator('[data-status="failed"]').waitFor({ timeout: 20_000 });
    assert.match(await page.locator('h1').textContent() ?? '', /did not go through/);
    await expectNoSeriousA11yIssues('order-declined-en');
    const afterDecline = await (await page.request.get(`${server.url}/api/v1/lines/${encodeURIComponent(LINE)}`)).json() as { validUntil: string };
    assert.equal(afterDecline.validUntil, before.validUntil, 'nothing extended');
    // The quote is still valid: "try again" pays the same quote, so the price (and any code) stay.
    const retry = page.getByRole('button', { name: /^Try again at the same price \(₼\d+\.\d{2}\)$/ });
    const price = /\((₼\d+\.\d{2})\)/.exec(await retry.textContent() ?? '')?.[1];
    await retry.click();
    await page.waitForURL(/\/pay\/sandbox\//);
    const secondOrder = ((await page.locator('dd').first().textContent()) ?? '').trim();
    assert.notEqual(secondOrder, orderId, 'a new order on the same quote');
    assert.ok(price && (await page.textContent('body'))?.includes(price.slice(1)), `the payment page asks the same ${String(price)}`);
  });

  test('paying the same quote twice opens one order (the key comes from the quote)', async () => {
    await page.goto(`${server.url}/lines/${encodeURIComponent(LINE)}/renew`);
    await page.locator('form[action$="/quote"] button[type=submit]').click();
    const quoteId = await page.locator('input[name=quoteId]').inputValue();
    const pay = async (): Promise<string> => {
      const res = await page.request.post(`${server.url}/orders`, { form: { quoteId, msisdn: LINE, planCode: '', months: '1' }, headers: { origin: server.url }, maxRedirects: 0 });
      assert.equal(res.status(), 303);
      return res.headers().location ?? '';
    };
    assert.equal(await pay(), await pay());
  });

  test('another line through the UI\'s API and pages → 404, exactly like a number we do not know', async () => {
    const api = await page.request.get(`${server.url}/api/v1/lines/${encodeURIComponent(OTHER_LINE)}`);
    assert.equal(api.status(), 404);
    const quote = await page.request.post(`${server.url}/api/v1/quotes`, { data: { msisdn: OTHER_LINE, planCode: 'SAXLA_NOMRE', months: 1 }, headers: { origin: server.url } });
    assert.equal(quote.status(), 404);
    const renew = await page.goto(`${server.url}/lines/${encodeURIComponent(OTHER_LINE)}/renew`);
    assert.equal(renew?.status(), 404);
    assert.match(await page.locator('main').textContent() ?? '', /not on your account/);
    const unknown = await page.request.get(`${server.url}/api/v1/lines/${encodeURIComponent('+994509999999')}`);
    assert.equal(unknown.status(), 404);
  });

  test('a form posted from another site is refused', async () => {
    const res = await page.request.post(`${server.url}/login`, { form: { phone: LINE, password: 'x' }, headers: { origin: 'https://saxla-az.example' }, maxRedirects: 0 });
    assert.equal(res.status(), 403);
  });

  test('log out ends the session', async () => {
    await page.goto(`${server.url}/dashboard`);
    await page.locator('.menu-toggle').click(); // "Log out" sits in the header's menu on a phone
    await page.locator('form[action="/logout"] button').click();
    await page.waitForURL(`${server.url}/`);
    const res = await page.request.get(`${server.url}/api/v1/lines`);
    assert.equal(res.status(), 401);
    assert.ok(await latestCode(server.db, LINE), 'the code SMS stays in the outbox for the record');
  });
});
