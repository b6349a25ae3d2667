// Statements: totals that equal the line's balance, opening and closing over any range of Baku
// days, a new owner who never sees the old owner's rows, and CSV/PDF of the same figures.
// On PGlite and (SAXLA_TEST_DB=postgres) on PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { parseInstant } from '../../../domain/calendar.ts';
import { detachReassignedLines } from '../../../services/detach-reassigned-lines.ts';
import { cookieHeader, registerCustomer, sameOriginHeaders, sessionCookieOf, signUpCustomer, TEST_PASSWORD } from '../../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { pdfText } from '../../../../test/helpers/pdf-text.ts';
import { adminHeaders, assertLedgerBalances, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
let alice = '';
let bob = '';
const [A, B, C] = [msisdnFor(31), msisdnFor(32), msisdnFor(33)];
const path = (msisdn: string, query = '') => `/api/v1/lines/${encodeURIComponent(msisdn)}/statement${query}`;
const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: cookieHeader(token) });

/** Sessions end after 30 idle minutes, and these tests jump days: sign in at the new time. */
async function logIn(msisdn: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: sameOriginHeaders, payload: { phone: msisdn, password: TEST_PASSWORD } });
  const cookie = sessionCookieOf(res);
  assert.ok(res.statusCode === 200 && cookie, res.body);
  return cookie.value;
}

let keys = 0;
async function topUp(msisdn: string, amount: number, at: string, reference: string): Promise<void> {
  t.clock.set(at);
  keys += 1;
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdn)}/top-ups`, headers: { ...adminHeaders, 'idempotency-key': `stmt-${keys}` },
    payload: { amount: { amount, currency: 'AZN' }, reference },
  });
  assert.equal(res.statusCode, 201, res.body);
}

/** An operator's correction written straight into the ledger, with text a spreadsheet would run. */
async function adjust(msisdn: string, amount: number, at: string, description: string, reference: string): Promise<void> {
  const when = new Date(parseInstant(at));
  await t.db.tx(async (sql) => {
    const [op] = await sql.query<{ id: number }>(
      // Every operation's key is written beside it (migration 0061), as the write path does.
      `with op as (insert into ledger_operations (msisdn, idempotency_key, request_hash, kind, reference, result, created_at)
       values ($1, $2, 'x', 'adjustment', $3, '{}', $4) returning id, idempotency_key, created_at
       ), k as (insert into ledger_operation_keys (idempotency_key, operation_id, created_at) select idempotency_key, id, created_at from op)
       select id from op`, [msisdn, `adjust-${at}`, reference, when]);
    const [line] = await sql.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdn]);
    await sql.query(
      `insert into ledger_entries (operation_id, msisdn, kind, amount, valid_until_before, valid_until_after, description, created_at)
       values ($1, $2, 'adjustment', $3, $4, $4, $5, $6)`, [op?.id, msisdn, amount, line?.valid_until, description, when]);
    await sql.query('update lines set balance = balance + $2 where msisdn = $1', [msisdn, amount]);
  });
}

before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await signUpCustomer(t, A, 31); // 5.00 AZN opening balance at 26 Nov 10:00
  await signUpCustomer(t, B, 32);
  await topUp(A, 1000, '2026-11-28T09:00:00+04:00', 'cash-1');
  // 19:59:59 UTC: still 5 December in Baku.
  await adjust(A, -250, '2026-12-05T23:59:59+04:00', '=HYPERLINK("http://evil.example","x")', '+cmd|calc');
  await topUp(A, 500, '2026-12-10T12:00:00+04:00', 'cash, "kassa" 2');
  t.clock.set('2026-12-12T15:00:00+04:00');
  alice = await logIn(A);
  bob = await logIn(B);
});
after(async () => { await t.close(); });

interface Entry { at: string; kind: string; amount: { amount: number }; balanceAfter: { amount: number }; reference: string | null; validUntilBefore: string; validUntilAfter: string }

describe('the statement as JSON', () => {
  test('default range: the last 90 days, closing = the line\'s balance, each entry with the balance after it', async () => {
    const res = await get(path(A), alice);
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.msisdn, A);
    assert.equal(s.to, '2026-12-12');
    assert.equal(s.from, '2026-09-14', '90 days, today included');
    assert.deepEqual(s.openingBalance, { amount: 0, currency: 'AZN' });
    assert.deepEqual(s.entries.map((e: Entry) => [e.kind, e.amount.amount, e.balanceAfter.amount]),
      [['opening_balance', 500, 500], ['top_up', 1000, 1500], ['adjustment', -250, 1250], ['top_up', 500, 1750]]);
    const line = (await get(`/api/v1/lines/${encodeURIComponent(A)}`, alice)).json();
    assert.deepEqual(s.closingBalance, line.balance);
    assert.equal(s.closingBalance.amount, 1750);
    assert.equal(s.entries[1].reference, 'cash-1');
    assert.equal(s.entries[1].at, '2026-11-28T09:00:00+04:00');
    assert.ok(s.entries[1].validUntilAfter > s.entries[1].validUntilBefore, 'a top-up extends validity');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    await assertLedgerBalances(t.db);
  });

  test('opening and closing over ranges of Baku days; `to` is inclusive', async () => {
    const mid = (await get(path(A, '?from=2026-11-29&to=2026-12-05'), alice)).json();
    assert.equal(mid.openingBalance.amount, 1500);
    assert.deepEqual(mid.entries.map((e: Entry) => e.amount.amount), [-250], 'the 23:59:59 Baku entry belongs to 5 December');
    assert.equal(mid.closingBalance.amount, 1250);
    const before = (await get(path(A, '?from=2026-11-29&to=2026-12-04'), alice)).json();
    assert.deepEqual(before.entries, []);
    assert.equal(before.closingBalance.amount, before.openingBalance.amount);
    const after = (await get(path(A, '?from=2026-12-06'), alice)).json();
    assert.equal(after.to, '2026-12-12', 'only from: up to today');
    assert.equal(after.openingBalance.amount, 1250);
    assert.equal(after.closingBalance.amount, 1750);
    const oneDay = (await get(path(A, '?from=2026-12-10&to=2026-12-10&format=json'), alice)).json();
    assert.equal(oneDay.entries.length, 1);
    // Every split point agrees: the closing of one range is the opening of the next.
    for (const split of ['2026-11-27', '2026-11-28', '2026-12-06', '2026-12-11']) {
      const first = (await get(path(A, `?from=2026-11-01&to=${split}`), alice)).json();
      const next = (await get(path(A, `?from=${split.slice(0, 8)}${String(Number(split.slice(8)) + 1).padStart(2, '0')}&to=2026-12-12`), alice)).json();
      assert.equal(first.closingBalance.amount, next.openingBalance.amount, split);
      assert.equal(next.closingBalance.amount, 1750);
    }
  });

  test('bad periods are 400 problem+json', async () => {
    for (const query of ['?from=2026-02-30', '?from=2026-12-10&to=2026-12-01', '?from=2025-01-01&to=2026-01-02', '?to=yesterday', '?from=2026-1-1', '?format=xml']) {
      const res = await get(path(A, query), alice);
      assert.equal(res.statusCode, 400, query);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.ok(['INVALID_PERIOD', 'VALIDATION_FAILED'].includes(res.json().code), `${query}: ${res.body}`);
    }
    assert.equal((await get(path(A, '?from=2025-12-13&to=2026-12-13'), alice)).statusCode, 200, '366 days are allowed');
  });

  test('another customer\'s line is 404 like an unknown number; no session is 401', async () => {
    for (const res of [await get(path(A), bob), await get(path(msisdnFor(9999)), bob)]) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'LINE_NOT_FOUND');
    }
    assert.equal((await get(path(A, '?format=csv'), bob)).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: path(A) })).statusCode, 401);
  });
});

describe('CSV and PDF', () => {
  test('CSV (columns=raw): UTF-8 with a BOM, RFC 4180, parses back to the same figures, formula cells neutralised', async () => {
    const res = await get(path(A, '?format=csv&columns=raw'), alice);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="saxla-statement-994500000031-2026-09-14-2026-12-12\.csv"/);
    assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(res.body, /\r\n$/);
    const rows = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => [r.kind, r.amount, r.balance_after]), [
      ['balance_brought_forward', '', '0.00'], ['opening_balance', '5.00', '5.00'], ['top_up', '10.00', '15.00'],
      ['adjustment', '-2.50', '12.50'], ['top_up', '5.00', '17.50'], ['closing_balance', '', '17.50'],
    ]);
    assert.ok(rows.every((r) => r.currency === 'AZN'));
    const adjustment = rows[3];
    assert.equal(adjustment?.description, '\'=HYPERLINK("http://evil.example","x")');
    assert.equal(adjustment?.reference, '\'+cmd|calc');
    assert.equal(rows[4]?.reference, 'cash, "kassa" 2', 'commas and quotes survive the round trip');
  });

  test('PDF: a real PDF in the customer\'s language showing the amounts and totals', async () => {
    const res = await get(path(A, '?format=pdf'), alice);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(res.rawPayload);
    for (const amount of ['5.00 AZN', '10.00 AZN', '-2.50 AZN', '17.50 AZN', 'Closing balance', 'Statement']) assert.ok(text.includes(amount), `PDF shows ${amount}`);
    const az = pdfText((await get(path(A, '?format=pdf&lang=az'), alice)).rawPayload);
    for (const word of ['Hesabdan çıxarış', '17,50 AZN', '-2,50 AZN', 'Balans artırma']) assert.ok(az.includes(word), `az PDF shows ${word}`);
    const ru = pdfText((await get(path(A, '?format=pdf&lang=ru'), alice)).rawPayload);
    assert.ok(ru.includes('Выписка') && ru.includes('Пополнение'), 'Cyrillic prints');
  });
});

describe('a reassigned number', () => {
  test('the new owner starts from one balance brought forward and never sees the previous owner\'s rows', async () => {
    t.clock.set('2026-12-12T16:00:00+04:00');
    await signUpCustomer(t, C, 33);
    await topUp(C, 300, '2026-12-13T10:00:00+04:00', 'carol-cash');
    const carol = await logIn(C);
    assert.equal((await get(path(C), carol)).json().entries.length, 2, 'carol sees her own history');
    t.clock.set('2027-01-20T10:00:00+04:00');
    await t.db.tx((sql) => detachReassignedLines(sql, [C], t.clock.now()));
    assert.equal((await get(path(C), carol)).statusCode, 401, 'the old owner\'s login went with the number');

    t.clock.set('2027-01-21T10:00:00+04:00');
    await registerCustomer(t, C);
    await topUp(C, 1000, '2027-01-22T11:00:00+04:00', 'dave-cash');
    t.clock.set('2027-01-23T10:00:00+04:00');
    const dave = await logIn(C);
    const s = (await get(path(C, '?from=2026-12-01'), dave)).json();
    assert.equal(s.openingBalanceAt, '2027-01-21T10:00:00+04:00', 'from the moment dave proved the line');
    assert.equal(s.openingBalance.amount, 800, 'carol\'s 5.00 + 3.00 as one figure');
    assert.deepEqual(s.entries.map((e: Entry) => e.reference), ['dave-cash']);
    assert.equal(s.closingBalance.amount, 1800);
    const csv = (await get(path(C, '?from=2026-12-01&format=csv'), dave)).body;
    assert.doesNotMatch(csv, /carol-cash/);
    assert.doesNotMatch(pdfText((await get(path(C, '?from=2026-12-01&format=pdf'), dave)).rawPayload), /carol-cash/);
    const line = (await get(`/api/v1/lines/${encodeURIComponent(C)}`, dave)).json();
    assert.equal(line.balance.amount, s.closingBalance.amount);
  });
});
