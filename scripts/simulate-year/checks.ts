// What the simulated year must prove, asked of the database afterwards: each a count of
// violations (0 passes) with a few examples, beside figures that show the check had work to do.
import { stageCalendar } from '../../src/domain/lifecycle.ts';
import type { ValidityPolicy } from '../../src/domain/policy.ts';
import { kindsHeldInQuietHours, type QuietHours } from '../../src/domain/sms-quiet-hours.ts';
import type { IsoDate } from '../../src/domain/calendar.ts';
import type { Database } from '../../src/db/database.ts';
import type { SimTally } from './simulate.ts';

export interface Check {
  readonly name: string;
  /** What was looked at, so a 0 is not mistaken for a check that saw nothing. */
  readonly examined: number;
  readonly violations: number;
  readonly examples: readonly string[];
}

const num = (v: unknown): number => Number(v ?? 0);

export async function runChecks(db: Database, policy: ValidityPolicy, quietHours: QuietHours, lastDay: IsoDate, tally: SimTally): Promise<Check[]> {
  const checks: Check[] = [];
  checks.push(await remindersBeforeOneWay(db, policy));
  checks.push(await recycledAfterQuarantine(db, policy, lastDay));
  checks.push(await quietHoursKept(db, quietHours));
  checks.push(...await chargedOncePerPeriod(db, tally));
  checks.push(await balancesMatchLedger(db));
  return checks;
}

/** Every entry into one-way (or later, for a line swept late) had the policy's reminders, sent before, in the line's language. */
async function remindersBeforeOneWay(db: Database, policy: ValidityPolicy): Promise<Check> {
  const keys = policy.reminderDays.map((d) => `'reminder:' || e.msisdn || ':' || e.valid_until::text || ':${Number(d)}'`).join(', ');
  const rows = await db.query<{ msisdn: string; valid_until: string; sent: string; examined: string }>(
    `with entered as (
       select e.msisdn, e.valid_until, e.occurred_at, l.language from lifecycle_events e join lines l on l.msisdn = e.msisdn
        where e.from_status = 'active' and e.cause = 'sweep'),
     counted as (
       select e.msisdn, e.valid_until::text as valid_until,
              (select count(*) from sms_outbox o
                where o.dedupe_key = any(array[${keys}]) and o.language = e.language and o.submitted_at < e.occurred_at) as sent
         from entered e)
     select msisdn, valid_until, sent, count(*) over () as examined from counted order by sent, msisdn`,
  );
  const needed = Math.min(3, policy.reminderDays.length);
  const bad = rows.filter((r) => num(r.sent) < needed);
  return {
    name: `every line that reached one-way had ≥ ${needed} reminders before, in its own language`,
    examined: num(rows[0]?.examined), violations: bad.length,
    examples: bad.slice(0, 5).map((r) => `${r.msisdn} valid until ${r.valid_until}: ${r.sent} reminders sent before`),
  };
}

/** No number was released before its quarantine ended, and none is recyclable early at the end. */
async function recycledAfterQuarantine(db: Database, policy: ValidityPolicy, lastDay: IsoDate): Promise<Check> {
  const toRecyclable = (validUntil: string): string => stageCalendar(validUntil as IsoDate, policy).recyclableFrom;
  const events = await db.query<{ msisdn: string; valid_until: string; day: string }>(
    `select msisdn, valid_until::text as valid_until, ((occurred_at at time zone 'Asia/Baku')::date)::text as day
       from lifecycle_events where to_status = 'recyclable'`,
  );
  const stored = await db.query<{ msisdn: string; valid_until: string }>(`select msisdn, valid_until::text as valid_until from lines where status = 'recyclable'`);
  const early = [
    ...events.filter((e) => e.day < toRecyclable(e.valid_until)).map((e) => `${e.msisdn} valid until ${e.valid_until} released on ${e.day}`),
    ...stored.filter((l) => lastDay < toRecyclable(l.valid_until)).map((l) => `${l.msisdn} valid until ${l.valid_until} is recyclable on ${lastDay}`),
  ];
  // A number in quarantine or released must never have been extended by anyone after entering it.
  const [extended] = await db.query<{ n: string }>(
    `select count(*) as n from ledger_entries x join lifecycle_events e on e.msisdn = x.msisdn and e.to_status in ('quarantine', 'recyclable')
      where x.created_at > e.occurred_at and x.valid_until_after > x.valid_until_before`,
  );
  return {
    name: 'no number recycled before its quarantine ended', examined: events.length + stored.length,
    violations: early.length + num(extended?.n), examples: early.slice(0, 5),
  };
}

/** No reminder or other held kind left the outbox inside SMS_QUIET_HOURS (Baku time). */
async function quietHoursKept(db: Database, quietHours: QuietHours): Promise<Check> {
  const name = 'no reminder sent in quiet hours';
  if (quietHours.off) return { name: `${name} (SMS_QUIET_HOURS=off: nothing to check)`, examined: 0, violations: 0, examples: [] };
  const minute = `(extract(hour from submitted_at at time zone 'Asia/Baku') * 60 + extract(minute from submitted_at at time zone 'Asia/Baku'))`;
  const inside = quietHours.from < quietHours.to
    ? `${minute} >= ${quietHours.from} and ${minute} < ${quietHours.to}`
    : `(${minute} >= ${quietHours.from} or ${minute} < ${quietHours.to})`;
  const [row] = await db.query<{ examined: string; violations: string; written_quiet: string; example: string | null }>(
    `select count(*) as examined, count(*) filter (where ${inside}) as violations,
            count(*) filter (where ${inside.replaceAll('submitted_at', 'created_at')}) as written_quiet,
            min(case when ${inside} then msisdn || ' ' || kind || ' sent ' || submitted_at::text end) as example
       from sms_outbox where kind = any($1::text[]) and submitted_at is not null`,
    [kindsHeldInQuietHours],
  );
  return {
    name: `${name} (${num(row?.written_quiet).toLocaleString('en')} of them were written inside the window and waited)`,
    examined: num(row?.examined), violations: num(row?.violations), examples: row?.example ? [row.example] : [],
  };
}

/** One plan charge per line and period; the ledger holds exactly the renewals the customers made. */
async function chargedOncePerPeriod(db: Database, tally: SimTally): Promise<Check[]> {
  const twice = await db.query<{ msisdn: string; valid_until_before: string; n: string }>(
    `select msisdn, valid_until_before::text as valid_until_before, count(*) as n from ledger_entries
      where kind = 'plan_charge' group by msisdn, valid_until_before having count(*) > 1 limit 5`,
  );
  const [charges] = await db.query<{ n: string }>(`select count(*) as n from ledger_entries where kind = 'plan_charge'`);
  const perLine = await db.query<{ msisdn: string; n: string }>(
    `select o.msisdn, count(*) as n from ledger_entries e join ledger_operations o on o.id = e.operation_id
      where e.kind = 'plan_charge' and o.idempotency_key like 'ussd:sim-%' group by o.msisdn`,
  );
  const [auto] = await db.query<{ n: string }>(
    `select count(*) as n from ledger_entries e join ledger_operations o on o.id = e.operation_id
      where e.kind = 'plan_charge' and o.idempotency_key like 'auto-renew:%'`,
  );
  const inLedger = new Map(perLine.map((r) => [r.msisdn, num(r.n)]));
  const differ = [...new Set([...inLedger.keys(), ...tally.renewalsByLine.keys()])]
    .filter((m) => (inLedger.get(m) ?? 0) !== (tally.renewalsByLine.get(m) ?? 0))
    .map((m) => `${m}: ${inLedger.get(m) ?? 0} charges in the ledger, ${tally.renewalsByLine.get(m) ?? 0} renewals made`);
  if (num(auto?.n) !== tally.autoRenewCharged) differ.push(`auto-renew: ${num(auto?.n)} charges in the ledger, ${tally.autoRenewCharged} runs charged`);
  return [
    {
      name: 'no line charged twice for one period', examined: num(charges?.n), violations: twice.length,
      examples: twice.map((r) => `${r.msisdn}: ${r.n} plan charges from ${r.valid_until_before}`),
    },
    {
      name: `the ledger holds each renewal once (${tally.retriesReplayed} retries replayed, ${tally.retriesNotReplayed} charged again)`,
      examined: tally.renewals + tally.autoRenewCharged, violations: differ.length + tally.retriesNotReplayed, examples: differ.slice(0, 5),
    },
  ];
}

async function balancesMatchLedger(db: Database): Promise<Check> {
  const rows = await db.query<{ msisdn: string; balance: string; ledger: string; examined: string }>(
    `select l.msisdn, l.balance, coalesce(s.total, 0) as ledger, count(*) over () as examined
       from lines l left join (select msisdn, sum(amount) as total from ledger_entries group by msisdn) s on s.msisdn = l.msisdn`,
  );
  const bad = rows.filter((r) => num(r.balance) !== num(r.ledger));
  return {
    name: 'every balance = Σ its ledger', examined: rows.length, violations: bad.length,
    examples: bad.slice(0, 5).map((r) => `${r.msisdn}: balance ${r.balance}, ledger ${r.ledger}`),
  };
}

export interface YearFigures {
  readonly statuses: Readonly<Record<string, number>>;
  readonly smsByKind: Readonly<Record<string, number>>;
  readonly reachedOneWay: number;
}

export async function yearFigures(db: Database): Promise<YearFigures> {
  const statuses = await db.query<{ status: string; n: string }>('select status, count(*) as n from lines group by status order by status');
  const sms = await db.query<{ kind: string; n: string }>('select kind, count(*) as n from sms_outbox group by kind order by count(*) desc');
  const [oneWay] = await db.query<{ n: string }>(`select count(distinct msisdn) as n from lifecycle_events where from_status = 'active' and cause = 'sweep'`);
  return {
    statuses: Object.fromEntries(statuses.map((r) => [r.status, num(r.n)])),
    smsByKind: Object.fromEntries(sms.map((r) => [r.kind, num(r.n)])),
    reachedOneWay: num(oneWay?.n),
  };
}
