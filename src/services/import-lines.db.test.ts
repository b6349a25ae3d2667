import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { iccidFor, fixedClock, policy } from '../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { importLines, parseLinesCsv } from './import-lines.ts';

let t: TestDatabase;
before(async () => { t = await openTestDatabase(); });
after(async () => { await t.close(); });
const deps = () => ({ db: t.db, policy, now: fixedClock('2026-11-26T10:00:00+04:00').now });
const count = async () => (await t.db.query<{ n: number }>('select count(*)::int8 as n from lines'))[0]?.n;

test('imports a CSV with manat balances, idempotently', async () => {
  const csv = `msisdn,iccid,balance,valid_until,language\n050 111 22 33,${iccidFor(1)},"12,50",2026-12-31,en\n+994551112234,${iccidFor(2)},0.05,2027-01-15,az\n`;
  const first = await importLines(deps(), csv);
  assert.equal(first.created, 2);
  const [row] = await t.db.query<{ balance: number }>("select balance from lines where msisdn = '+994501112233'");
  assert.equal(row?.balance, 1250);
  const again = await importLines(deps(), csv);
  assert.equal(again.created, 0);
  assert.equal(again.existing, 2);
});

test('a bad line refuses the whole file, naming the file line', async () => {
  const before = await count();
  const csv = `msisdn,iccid,balance,valid_until\n0701112233,${iccidFor(3)},5,2026-12-31\n0701112234,${iccidFor(4)},5.555,2026-12-31\n`;
  await assert.rejects(importLines(deps(), csv), (e: { code: string; message: string }) => e.code === 'CSV_INVALID' && /line 3/.test(e.message));
  const csv2 = `msisdn,iccid,balance,valid_until\n0701112233,${iccidFor(3)},5,2026-12-31\n0301112234,${iccidFor(4)},5,2026-12-31\n`;
  await assert.rejects(importLines(deps(), csv2), (e: { code: string; message: string }) => e.code === 'VALIDATION_FAILED' && /row 3/.test(e.message));
  assert.equal(await count(), before);
});

test('refuses broken CSV clearly', () => {
  assert.throws(() => parseLinesCsv(''), { code: 'CSV_INVALID' });
  assert.throws(() => parseLinesCsv('msisdn,iccid\n'), { code: 'CSV_INVALID' });
  assert.throws(() => parseLinesCsv('msisdn,iccid,balance,valid_until,colour\n1,2,3,4,5\n'), { code: 'CSV_INVALID' });
  assert.throws(() => parseLinesCsv('msisdn,iccid,balance,valid_until\n"unterminated,1,2,3\n'), { code: 'CSV_INVALID' });
  assert.throws(() => parseLinesCsv('msisdn,iccid,balance,valid_until\n1,2,3\n'), { code: 'CSV_INVALID' });
});
