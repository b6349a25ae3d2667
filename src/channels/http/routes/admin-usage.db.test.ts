import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { upsertPlans } from '../../../db/plan-repository.ts';
import { demoPlans } from '../../../demo/catalog.ts';
import { customerHeaders, provisionTestLine, registerCustomer } from '../../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { adminHeaders, assertLedgerBalances, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await t.db.tx((sql) => upsertPlans(sql, demoPlans));
});
after(async () => { await t.close(); });

type Rec = Record<string, unknown>;
const voice = (sourceId: string, msisdn: string, seconds: number, over: Rec = {}): Rec => ({
  sourceId, msisdn, kind: 'voice', quantity: seconds, unit: 'second', occurredAt: '2026-11-25T18:00:00+04:00', ...over,
});
const sms = (sourceId: string, msisdn: string, over: Rec = {}): Rec => ({
  sourceId, msisdn, kind: 'sms', quantity: 1, unit: 'message', occurredAt: '2026-11-25T18:05:00Z', destination: '+994501112233', ...over,
});
const post = (payload: unknown, headers: Record<string, string> = adminHeaders) =>
  t.app.inject({ method: 'POST', url: '/api/v1/admin/usage', headers, payload: payload as Rec[] });
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await t.db.query<{ n: number }>(`select count(*)::int8 as n from ${table} where ${where}`, params))[0]?.n);
const balanceOf = async (msisdn: string) => Number((await t.db.query<{ b: number }>('select balance as b from lines where msisdn = $1', [msisdn]))[0]?.b);

/** The usage ledger entries of a line: one per batch that cost something. */
const usageEntries = (msisdn: string) => t.db.query<{ amount: number; key: string }>(
  `select e.amount, o.idempotency_key as key from ledger_entries e join ledger_operations o on o.id = e.operation_id
    where e.msisdn = $1 and e.kind = 'usage' order by e.id`, [msisdn]);

describe('POST /api/v1/admin/usage', () => {
  test('needs the operator token', async () => {
    const res = await post([], { authorization: 'Bearer nope' });
    assert.equal(res.statusCode, 401);
  });

  test('a bad record refuses the batch with 422 naming its index and reason; nothing is applied', async () => {
    const line = msisdnFor(101);
    await provisionTestLine(t, line, 101, { planCode: 'DANISIQ_300' });
    const cases: [Rec, number, RegExp][] = [
      [voice('bad-1', line, 30, { unit: 'kilobyte' }), 2, /unit/],
      [voice('bad-2', line, -1), 2, /quantity/],
      [voice('bad-3', line, 1.5), 2, /quantity/],
      [voice('bad-4', line, 30, { occurredAt: '2026-11-25 18:00' }), 2, /occurredAt/],
      [voice('bad-5', line, 30, { occurredAt: '2026-11-27T10:00:00+04:00' }), 2, /future/],
      [voice('bad-6', line, 30, { kind: 'video' }), 2, /kind/],
      [voice('bad-7', line, 30, { extra: 1 }), 2, /extra/],
      [voice('bad-8', '+4915112345678', 30), 2, /msisdn/],
      [voice('bad-9', msisdnFor(199), 30), 2, /msisdn/],
      [voice('', line, 30), 2, /sourceId/],
    ];
    for (const [bad, index, reason] of cases) {
      const res = await post([voice('ok-1', line, 30), sms('ok-2', line), bad, voice('ok-3', line, 900)]);
      assert.equal(res.statusCode, 422, `${JSON.stringify(bad)} → ${res.body}`);
      const body = res.json();
      assert.equal(body.code, 'USAGE_INVALID');
      assert.equal(body.errors[0].index, index);
      assert.match(body.errors[0].message, reason);
      assert.match(body.detail, new RegExp(`record ${index}`));
    }
    assert.equal(await count('usage_sources'), 0, 'no sourceId was claimed');
    assert.equal(await count('usage_records'), 0);
    assert.equal(await balanceOf(line), 500);
    const tooMany = await post(Array.from({ length: 10_001 }, (_, i) => sms(`many-${i}`, line)));
    assert.equal(tooMany.statusCode, 422);
    assert.match(tooMany.json().detail, /10000/);
    const notArray = await post({ sourceId: 'x' });
    assert.equal(notArray.statusCode, 422);
  });

  test('packs first, then overage per started block, charged once per line per batch through the ledger', async () => {
    const line = msisdnFor(102);
    await provisionTestLine(t, line, 102, { planCode: 'DANISIQ_300' });
    // 300 minutes = 18,000 s: 17,990 s bill as 18,000 and empty the pack; 61 s are two started minutes.
    const first = await post([voice('p-1', line, 17_990), ...Array.from({ length: 100 }, (_, i) => sms(`p-sms-${i}`, line))]);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { accepted: 101, duplicates: 0 });
    assert.equal(await balanceOf(line), 500, 'everything fitted the packs');
    assert.deepEqual(await usageEntries(line), []);
    // Both packs are now empty: the customer hears it once each, in the line's language.
    const notices = async () => (await t.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'usage_notice' order by body", [line])).map((r) => r.body);
    const told = await notices();
    assert.equal(told.length, 2);
    assert.match(told[0] ?? '', /^Saxla: your SMS pack on \+994\d+ is used up; it renews on 21\.12\.2026\. /);
    assert.match(told[1] ?? '', /^Saxla: your calls pack/);

    const second = await post([voice('p-2', line, 61), sms('p-sms-100', line), { ...sms('p-data-1', line), kind: 'data', unit: 'kilobyte', quantity: 150 }]);
    assert.deepEqual(second.json(), { accepted: 3, duplicates: 0 });
    // voice 2 × 8 + sms 1 × 5 + data (no pack on this plan) 2 × 100 KB × 2 = 25 qəpik.
    assert.equal(await balanceOf(line), 475);
    assert.equal((await notices()).length, 2, 'an empty pack is told once a period');
    const entries = await usageEntries(line);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.amount, -25);
    const [sum] = await t.db.query<{ charged: number }>('select sum(charged)::int8 as charged from usage_records where ledger_key = $1', [entries[0]?.key]);
    assert.equal(sum?.charged, 25, 'the entry is the sum of its records');
    const [pack] = await t.db.query<{ billable: number; from_pack: number }>("select billable, from_pack from usage_records where source_id = 'p-2'");
    assert.deepEqual(pack, { billable: 120, from_pack: 0 });
    await assertLedgerBalances(t.db);
  });

  test('idempotent on sourceId across batches and within one', async () => {
    const line = msisdnFor(103);
    await provisionTestLine(t, line, 103);
    const batch = [voice('i-1', line, 60), voice('i-2', line, 60), voice('i-2', line, 60)];
    assert.deepEqual((await post(batch)).json(), { accepted: 2, duplicates: 1 });
    const balance = await balanceOf(line);
    assert.equal(balance, 500 - 16, 'no plan: every minute is overage');
    assert.deepEqual((await post(batch)).json(), { accepted: 0, duplicates: 3 });
    assert.deepEqual((await post([voice('i-1', line, 60), voice('i-3', line, 60)])).json(), { accepted: 1, duplicates: 1 });
    assert.equal(await balanceOf(line), 500 - 24);
    assert.equal(await count('usage_records', 'msisdn = $1', [line]), 3);
    assert.equal((await usageEntries(line)).length, 2);
    await assertLedgerBalances(t.db);
  });

  test('a balance never goes below zero: what it cannot cover is kept as uncharged', async () => {
    const line = msisdnFor(104);
    await provisionTestLine(t, line, 104, { balance: { amount: 10, currency: 'AZN' } });
    assert.equal((await post([voice('c-1', line, 600, { kind: 'roaming_voice' })])).statusCode, 200);
    assert.equal(await balanceOf(line), 0);
    const [row] = await t.db.query<{ cost: number; charged: number }>("select cost, charged from usage_records where source_id = 'c-1'");
    assert.deepEqual(row, { cost: 1500, charged: 10 });
    assert.equal((await post([voice('c-2', line, 60)])).statusCode, 200);
    assert.equal((await usageEntries(line)).length, 1, 'nothing left to charge, so no entry');
    await assertLedgerBalances(t.db);
  });

  test('two batches at once with overlapping sourceIds rate each record once', async () => {
    const lines = [msisdnFor(105), msisdnFor(106), msisdnFor(107)];
    for (const [i, line] of lines.entries()) await provisionTestLine(t, line, 105 + i, { planCode: 'SAXLA_NOMRE', balance: { amount: 5000, currency: 'AZN' } });
    const records = Array.from({ length: 300 }, (_, i) => voice(`cc-${i}`, lines[i % 3] ?? '', 45 + (i % 7) * 10));
    const a = records.slice(0, 200);
    const b = records.slice(100).toReversed();
    const results = await Promise.all([post(a), post(b), post(records.slice(50, 250))]);
    for (const res of results) assert.equal(res.statusCode, 200, res.body);
    const accepted = results.reduce((sum, res) => sum + Number(res.json().accepted), 0);
    assert.equal(accepted, 300);
    assert.equal(await count('usage_records', "source_id like 'cc-%'"), 300);
    await assertLedgerBalances(t.db);
    // The balances match one rating of the 300 records, whichever batch rated which.
    const [charged] = await t.db.query<{ n: number }>("select sum(charged)::int8 as n from usage_records where source_id like 'cc-%'");
    const total = (await Promise.all(lines.map(balanceOf))).reduce((s, b2) => s + b2, 0);
    assert.equal(total, 15_000 - Number(charged?.n));
    // 5 free minutes a line, then 8 qəpik a started minute of each call, whatever the order.
    const minutes = lines.map((_, l) => records.filter((__, i) => i % 3 === l).reduce((m, r) => m + Math.ceil(Number(r.quantity) / 60), 0));
    assert.equal(Number(charged?.n), minutes.reduce((sum, m) => sum + (m - 5) * 8, 0));
  });
});

describe('GET /api/v1/lines/{msisdn}/usage and the statement', () => {
  test('shows what is left in each pack and when it resets; statements total usage per kind', async () => {
    const line = msisdnFor(110);
    await provisionTestLine(t, line, 110, { planCode: 'DANISIQ_300', validUntil: '2026-12-20' });
    const token = await registerCustomer(t, line);
    // After the customer proved the line (now), so the statement shows them.
    const at = { occurredAt: '2026-11-26T10:00:00+04:00' };
    await post([voice('g-1', line, 125, at), sms('g-2', line, at), sms('g-3', line, at)]);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(line)}/usage`, headers: customerHeaders(token) });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      items: [
        { kind: 'voice', unit: 'second', included: 18_000, used: 180, left: 17_820, resetsAt: '2026-12-21T00:00:00+04:00' },
        { kind: 'sms', unit: 'message', included: 100, used: 2, left: 98, resetsAt: '2026-12-21T00:00:00+04:00' },
      ],
    });
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdnFor(102))}/usage`, headers: customerHeaders(token) });
    assert.equal(other.statusCode, 404, 'another customer\'s line is unknown here');
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(line)}/usage` });
    assert.equal(anonymous.statusCode, 401);

    const statement = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(line)}/statement?from=2026-11-01`, headers: customerHeaders(token) });
    assert.equal(statement.statusCode, 200);
    assert.deepEqual(statement.json().usageTotals, [
      { kind: 'sms', unit: 'message', quantity: 2, records: 2, charged: { amount: 0, currency: 'AZN' } },
      { kind: 'voice', unit: 'second', quantity: 125, records: 1, charged: { amount: 0, currency: 'AZN' } },
    ]);
  });

  test('after the plan\'s paid end there is no pack: usage is overage and the list is empty', async () => {
    const line = msisdnFor(111);
    await provisionTestLine(t, line, 111, { planCode: 'DANISIQ_300', validUntil: '2026-11-20' });
    const token = await registerCustomer(t, line);
    await post([voice('e-1', line, 60)]);
    assert.equal(await balanceOf(line), 492);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(line)}/usage`, headers: customerHeaders(token) });
    assert.deepEqual(res.json(), { items: [] });
  });

  test('USSD *101# then 5 shows the packs', async () => {
    const line = msisdnFor(112);
    await provisionTestLine(t, line, 112, { planCode: 'DANISIQ_300', validUntil: '2026-12-20' });
    await post([voice('u-1', line, 600), sms('u-2', line)]);
    const ussd = (text: string) => t.app.inject({
      method: 'POST', url: '/ussd', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ sessionId: 'usage-s1', serviceCode: '*101#', phoneNumber: line, text }).toString(),
    });
    assert.equal((await ussd('')).statusCode, 200);
    const res = await ussd('5');
    assert.equal(res.body, 'CON Left in packs:\nCalls 290/300 min\nSMS 99/100\nRenews 21.12.2026\n0 Back');
  });
});
