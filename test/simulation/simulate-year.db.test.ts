// The simulated year at a small scale (`npm run simulate-year` runs 100,000 lines over 365 days):
// every check passes with work to do, and the checks do catch a broken year.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuietHours } from '../../src/domain/sms-quiet-hours.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { policy } from '../helpers/factories.ts';
import { simulateYear, type YearReport } from '../../scripts/simulate-year/run-year.ts';
import { runChecks } from '../../scripts/simulate-year/checks.ts';
import { parseIsoDate } from '../../src/domain/calendar.ts';

const LINES = 1_000;
const DAYS = 120;
const quietHours = parseQuietHours('22:00-09:00').quietHours;
let t: TestDatabase;
let report: YearReport;

before(async () => {
  t = await openTestDatabase();
  report = await simulateYear({ db: t.db, policy, quietHours, lines: LINES, days: DAYS, seed: 14 });
});
after(() => t.close());

test('a small year passes every check, and each check had something to look at', () => {
  for (const check of report.checks) {
    assert.equal(check.violations, 0, `${check.name}: ${check.examples.join('; ')}`);
    assert.ok(check.examined > 0, `${check.name} examined nothing`);
  }
  const t = report.tally;
  assert.ok(t.renewals > 0 && t.topUps > 0 && t.usageRecords > 0, 'customers renewed, topped up and roamed');
  assert.ok(t.retriesReplayed > 0, 'some requests were sent twice and replayed');
  assert.ok(report.figures.reachedOneWay > 0, 'some lines reached one-way');
  assert.ok((report.figures.statuses.recyclable ?? 0) > 0, 'dormant numbers were recycled');
  assert.deepEqual(t.refused, {}, 'the product refused none of the simulated customers');
});

test('the checks catch a reminder sent at night and a period charged twice', async () => {
  await t.db.query(
    `update sms_outbox set submitted_at = date_trunc('day', submitted_at) + interval '19 hours'
      where id = (select min(id) from sms_outbox where kind = 'reminder' and submitted_at is not null)`,
  );
  // 19:00 UTC is 23:00 in Baku.
  const [charge] = await t.db.query<{ operation_id: string; msisdn: string; amount: string; valid_until_before: string; valid_until_after: string }>(
    `select operation_id, msisdn, amount, valid_until_before::text, valid_until_after::text from ledger_entries where kind = 'plan_charge' order by id limit 1`,
  );
  assert.ok(charge);
  await t.db.query(
    `insert into ledger_entries (operation_id, msisdn, kind, amount, valid_until_before, valid_until_after, description, created_at)
     values ($1, $2, 'plan_charge', $3, $4, $5, 'a double charge planted by the test', now())`,
    [charge.operation_id, charge.msisdn, charge.amount, charge.valid_until_before, charge.valid_until_after],
  );
  const checks = await runChecks(t.db, policy, quietHours, parseIsoDate('2027-05-03'), report.tally);
  const failed = (start: string): number => checks.find((c) => c.name.startsWith(start))?.violations ?? -1;
  assert.equal(failed('no reminder sent in quiet hours'), 1);
  assert.equal(failed('no line charged twice'), 1);
  assert.equal(failed('every balance = Σ its ledger'), 1);
});
