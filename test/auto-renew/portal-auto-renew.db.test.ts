// The portal's automatic payments without JavaScript: the dashboard panel, the page in each
// language, set → next run, a limit too low for one run, saving a sandbox card, cancelling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { msisdnFor } from '../helpers/factories.ts';
import { locales } from '../../src/domain/money.ts';
import { SANDBOX_SAVE_CARD } from '../../src/payments/sandbox-saved-cards.ts';

let t: PaymentsTestApp;
const line = msisdnFor(1);
const page = `/lines/${encodeURIComponent(line)}/auto-renew`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

before(async () => { t = await buildPaymentsTestApp({ lines: 1 }); });
after(async () => { await t.close(); });

async function get(url: string) {
  return t.app.inject({ method: 'GET', url, headers: t.customer });
}

async function post(url: string, fields: Record<string, string>) {
  return t.app.inject({ method: 'POST', url, headers: { ...t.customer, ...form }, payload: new URLSearchParams(fields).toString() });
}

const renewForm = { kind: 'renew', planCode: 'SAXLA_NOMRE', months: '1', daysBefore: '3', amount: '', belowBalance: '', dayOfMonth: '', monthlyCap: '10', source: 'balance' };

test('the dashboard says automatic payments are off, and links to set them up', async () => {
  const res = await get('/dashboard?lang=en');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Automatic payments:<\/strong> off\. <a href="\/lines\/%2B994500000001\/auto-renew">Set up<\/a>/);
});

test('the page speaks every language, with labelled fields', async () => {
  for (const locale of locales) {
    const res = await get(`${page}?lang=${locale}`);
    assert.equal(res.statusCode, 200, locale);
    assert.match(res.body, new RegExp(`<html lang="${locale}"`));
    for (const id of ['daysBefore', 'amount', 'belowBalance', 'dayOfMonth', 'monthlyCap']) assert.match(res.body, new RegExp(`<label for="${id}">`), `${locale} ${id}`);
  }
  assert.match((await get(`${page}?lang=tr`)).body, /Otomatik ödemeler/);
});

test('a limit below one run is refused on the page, saying why; a good form saves and shows the next run', async () => {
  const low = await post(page, { ...renewForm, months: '3', monthlyCap: '4' });
  assert.equal(low.statusCode, 422);
  // The language the customer last chose (Azerbaijani by default: this test keeps no cookie).
  assert.match(low.body, /Bir ödəniş aylıq limitdən bahadır/);
  assert.match(low.body, /id="monthlyCap"[^>]*value="4"[^>]*aria-describedby="monthlyCap-hint monthlyCap-error" aria-invalid="true"/, 'what was typed is kept, the field marked');
  const ok = await post(page, renewForm);
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, `${page}?saved=1`);
  const shown = await get(`${page}?saved=1&lang=en`);
  assert.match(shown.body, /Saved\. The next payment is shown below\./);
  assert.match(shown.body, /17 Dec 2026, from 09:00/);
  assert.match((await get('/dashboard?lang=en')).body, /on, next 17 Dec 2026, from 09:00\./);
});

test('saving a card: off to the provider page, back with a notice, then chosen for a top-up', async () => {
  const start = await post(`${page}/method`, { provider: 'sandbox' });
  assert.equal(start.statusCode, 303);
  const setup = new URL(String(start.headers.location));
  assert.match(setup.pathname, /^\/pay\/sandbox\/setup\/sbs_/);
  const back = await t.app.inject({ method: 'POST', url: setup.pathname, headers: form, payload: `cardNumber=${SANDBOX_SAVE_CARD}` });
  const returnTo = new URL(String(back.headers.location));
  assert.equal(returnTo.pathname, page);
  const shown = await get(`${returnTo.pathname}${returnTo.search}&lang=en`);
  assert.match(shown.body, /Card •••• 4242 saved/);
  const topUp = await post(page, { ...renewForm, kind: 'monthly', amount: '5', dayOfMonth: '31', monthlyCap: '20', source: 'saved_method' });
  assert.equal(topUp.statusCode, 303, topUp.body);
  const after = await get(`${page}?lang=en`);
  assert.match(after.body, /Top up ₼5\.00 on day 31 of each month/);
  assert.match(after.body, /30 Nov 2026, from 09:00/, 'a shorter month runs on its last day');
  assert.match(after.body, /Saved card •••• 4242/);
});

test('the saved card can be removed from the page: one press, and the payments it paid end', async () => {
  const shown = (await get(`${page}?lang=en`)).body;
  const action = /action="([^"]+\/remove)"/.exec(shown)?.[1] ?? '';
  assert.match(shown, /<button type="submit" class="link">Remove •••• 4242<\/button>/);
  const res = await post(action, {});
  assert.equal(res.statusCode, 303);
  assert.match((await get(`${page}?removed=1&lang=en`)).body, /The card is removed and forgotten by the payment provider/);
  assert.equal((await get(`/api/v1/lines/${encodeURIComponent(line)}/auto-renew`)).statusCode, 404);
});

test('cancel: one press, and the API has nothing left', async () => {
  const res = await post(`${page}/cancel`, {});
  assert.equal(res.statusCode, 303);
  assert.match((await get(`${page}?cancelled=1&lang=en`)).body, /Automatic payments are cancelled/);
  assert.equal((await get(`/api/v1/lines/${encodeURIComponent(line)}/auto-renew`)).statusCode, 404);
  assert.equal((await post(`${page}/cancel`, {})).statusCode, 303, 'a second press is fine');
});
