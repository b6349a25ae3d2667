// A simulated year, day by day, on the product's own use cases: the sweep (as `saxla sweep --at`)
// twice a day, the SMS outbox drained at set hours by a simulated SMSC, auto-renew's pass, the
// customers' renewals and top-ups (some sent twice with the same key, as a flaky network does),
// and roaming usage for those abroad. Only the clock is simulated.
import { addDays, daysBetween, type Instant, type IsoDate } from '../../src/domain/calendar.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { qepik } from '../../src/domain/money.ts';
import type { ValidityPolicy } from '../../src/domain/policy.ts';
import type { QuietHours } from '../../src/domain/sms-quiet-hours.ts';
import { DEFAULT_RETRY_POLICY } from '../../src/domain/sms-delivery.ts';
import type { Database } from '../../src/db/database.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { rateUsage } from '../../src/services/rate-usage.ts';
import { renewLineFromBalance } from '../../src/services/renew-from-balance.ts';
import { runAutoRenewals } from '../../src/services/run-auto-renewals.ts';
import { claimOutboxSms } from '../../src/services/send-outbox.ts';
import { sweepLifecycle } from '../../src/services/sweep-lifecycle.ts';
import { topUpLine } from '../../src/services/top-up-line.ts';
import { nextIntent, nextTrip, randomInt, roamingDay, type Action, type Random } from './behaviour.ts';
import { dayAt, type SimLine, type World } from './world.ts';

export interface SimOptions {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly quietHours: QuietHours;
  readonly days: number;
  readonly random: Random;
  /** Parallel customers on PostgreSQL; PGlite has one connection. */
  readonly lanes: number;
  readonly progress?: (day: number, note: string) => void;
}

export interface SimTally {
  renewals: number;
  topUps: number;
  retriesReplayed: number;
  retriesNotReplayed: number;
  usageRecords: number;
  autoRenewCharged: number;
  smsSent: number;
  refused: Record<string, number>;
  readonly phaseMs: Record<'sweep' | 'sms' | 'customers' | 'usage' | 'autoRenew', number>;
  /** Renewals the simulator made per line (its own count, to compare with the ledger). */
  readonly renewalsByLine: Map<string, number>;
}

/** Hours (Baku) when the simulated SMSC worker drains the outbox: inside and outside quiet hours. */
const DRAIN_TIMES: readonly (readonly [number, number])[] = [[0, 20], [9, 0], [12, 0], [15, 0], [18, 0], [21, 0], [22, 30]];
const CLAIM_LIMIT = 5_000;
const RETRY_SHARE = 0.03;

export async function simulate(world: World, o: SimOptions): Promise<SimTally> {
  const tally: SimTally = {
    renewals: 0, topUps: 0, retriesReplayed: 0, retriesNotReplayed: 0, usageRecords: 0, autoRenewCharged: 0, smsSent: 0, refused: {},
    phaseMs: { sweep: 0, sms: 0, customers: 0, usage: 0, autoRenew: 0 }, renewalsByLine: new Map(),
  };
  const timed = async <T>(phase: keyof SimTally['phaseMs'], work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      tally.phaseMs[phase] += performance.now() - t0;
    }
  };
  const buckets = new Map<number, number[]>();
  const actions = new Map<number, Action>();
  const schedule = (index: number, line: SimLine, today: number): void => {
    const intent = nextIntent(line.persona, line.renewals, line.lapseAfter, o.random);
    if (!intent) {
      line.actionDay = -1;
      return;
    }
    line.actionDay = Math.max(today + 1, daysBetween(world.start, line.validUntil) + intent.offset);
    actions.set(index, intent.action);
    const bucket = buckets.get(line.actionDay) ?? [];
    bucket.push(index);
    buckets.set(line.actionDay, bucket);
  };
  world.lines.forEach((line, i) => {
    schedule(i, line, 0);
    if (line.persona === 'roamer') Object.assign(line, tripOf(nextTrip(0, o.random)));
  });
  const outbox = { db: o.db, retry: DEFAULT_RETRY_POLICY, quietHours: o.quietHours };
  const drain = (at: Instant): Promise<void> => timed('sms', async () => {
    for (;;) {
      const claimed = await claimOutboxSms(outbox, 'simulated-smsc', at, 60_000, CLAIM_LIMIT);
      if (claimed.length === 0) return;
      // The simulated SMSC accepts everything at once; one statement records the batch as sent at `at`.
      await o.db.query(
        `update sms_outbox set status = 'submitted', smsc_message_ids = array['sim-' || id::text], segments = 1, submitted_at = $2,
                lease_owner = null, lease_until = null, last_error = null
          where id = any($1::int8[]) and status = 'submitting' and lease_owner = 'simulated-smsc'`,
        [claimed.map((c) => c.id), new Date(at)],
      );
      tally.smsSent += claimed.length;
    }
  });

  for (let day = 0; day < o.days; day++) {
    const sweepAt = (hour: number): Promise<unknown> => timed('sweep', () => sweepLifecycle({ db: o.db, policy: o.policy }, dayAt(world.start, day, hour, 15)));
    await sweepAt(0);
    for (const [hour, minute] of DRAIN_TIMES) {
      await drain(dayAt(world.start, day, hour, minute));
      if (hour === 9) {
        const result = await timed('autoRenew', () => runAutoRenewals({ db: o.db, policy: o.policy, providers: {}, logger: silentLogger, now: () => dayAt(world.start, day, 9, 5) }));
        tally.autoRenewCharged += result.charged;
        // A second pass the same morning (another process, a restart) must charge nobody again; once a
        // week, as each pass costs a transaction per standing order.
        if (day % 7 === 3) {
          const again = await timed('autoRenew', () => runAutoRenewals({ db: o.db, policy: o.policy, providers: {}, logger: silentLogger, now: () => dayAt(world.start, day, 9, 35) }));
          if (again.charged > 0) throw new Error(`day ${day}: a second auto-renew pass charged ${again.charged} lines again`);
        }
      }
      if (hour === 12) {
        await sweepAt(12);
        await timed('usage', () => roam(world, o, day, tally));
        await timed('customers', () => customersAct(world, o, day, buckets.get(day) ?? [], actions, tally, schedule));
        buckets.delete(day);
      }
    }
    o.progress?.(day, `${tally.renewals} renewals, ${tally.topUps} top-ups, ${tally.smsSent} SMS`);
  }
  return tally;
}

function tripOf(trip: { from: number; to: number }): Pick<SimLine, 'tripFrom' | 'tripTo'> {
  return { tripFrom: trip.from, tripTo: trip.to };
}

/** Roamers abroad today send a day's usage, rated in batches of up to 10,000 records. */
async function roam(world: World, o: SimOptions, day: number, tally: SimTally): Promise<void> {
  const at = dayAt(world.start, day, 12, 30);
  const occurredAt = new Date(dayAt(world.start, day, 11, 0)).toISOString();
  const records: Record<string, unknown>[] = [];
  for (const line of world.lines) {
    if (line.persona !== 'roamer') continue;
    if (day > line.tripTo) Object.assign(line, tripOf(nextTrip(day, o.random)));
    // Only while the line is in service: a roamer renews before its end, so this is the trip.
    if (day < line.tripFrom || daysBetween(world.start, line.validUntil) < day) continue;
    const use = roamingDay(o.random);
    records.push({ sourceId: `sim-${line.msisdn}-${day}-d`, msisdn: line.msisdn, kind: 'roaming_data', unit: 'kilobyte', quantity: use.dataKb, occurredAt, destination: 'TR' });
    if (use.voiceSeconds > 0) {
      records.push({ sourceId: `sim-${line.msisdn}-${day}-v`, msisdn: line.msisdn, kind: 'roaming_voice', unit: 'second', quantity: use.voiceSeconds, occurredAt, destination: 'TR' });
    }
  }
  for (let i = 0; i < records.length; i += 10_000) {
    const result = await rateUsage({ db: o.db, policy: o.policy, now: () => at }, records.slice(i, i + 10_000));
    tally.usageRecords += result.accepted;
  }
}

async function customersAct(
  world: World, o: SimOptions, day: number, bucket: readonly number[], actions: ReadonlyMap<number, Action>, tally: SimTally,
  schedule: (index: number, line: SimLine, today: number) => void,
): Promise<void> {
  const due = bucket.filter((i) => world.lines[i]?.actionDay === day);
  if (due.length === 0) return;
  const balances = new Map((await o.db.query<{ msisdn: string; balance: string | number }>(
    'select msisdn, balance from lines where msisdn = any($1::text[])', [due.map((i) => world.lines[i]?.msisdn ?? '')],
  )).map((r) => [r.msisdn, Number(r.balance)]));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < due.length) {
      const index = due[next++] ?? -1;
      const line = world.lines[index];
      const action = actions.get(index);
      if (!line || !action) continue;
      // Each customer acts at their own moment between 10:00 and 21:59.
      const at = dayAt(world.start, day, 10, randomInt(o.random, 0, 719));
      try {
        line.validUntil = await act(world, o, line, action, balances.get(line.msisdn) ?? 0, day, at, tally);
        line.renewals += 1;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        tally.refused[error.code] = (tally.refused[error.code] ?? 0) + 1;
      }
      schedule(index, line, day);
    }
  };
  await Promise.all(Array.from({ length: o.lanes }, lane));
}

/** One customer's action through the product's use cases; the validity end it leaves. */
async function act(world: World, o: SimOptions, line: SimLine, action: Action, balance: number, day: number, at: Instant, tally: SimTally): Promise<IsoDate> {
  const topUp = async (amount: number, key: string): Promise<IsoDate> => {
    const request = { msisdn: line.msisdn, amount: qepik(amount), reference: key, idempotencyKey: key, source: 'partner' as const };
    const done = await topUpLine({ db: o.db, policy: o.policy, now: () => at }, request);
    if (o.random() < RETRY_SHARE) await retried(() => topUpLine({ db: o.db, policy: o.policy, now: () => (at + 1000) as Instant }, request), tally);
    tally.topUps += 1;
    return done.result.validUntil;
  };
  if (action.kind === 'top_up') return topUp(action.amount, `sim-${line.msisdn}-${day}`);
  const plan = world.plans.get(line.planCode);
  if (!plan) throw new Error(`plan ${line.planCode} is not in the catalogue`);
  const price = plan.monthlyPrice * action.months;
  // Short of money: a cash top-up first (at least 5 AZN, whole manat), then *101# renewal.
  if (balance < price) await topUp(Math.max(500, Math.ceil((price - balance) / 100) * 100), `sim-${line.msisdn}-${day}-cash`);
  const request = {
    msisdn: line.msisdn, planCode: line.planCode, planName: plan.names[line.language], months: action.months, price: qepik(price),
    idempotencyKey: `ussd:sim-${line.msisdn}-${day}`, cause: 'simulated *101# renewal', now: at,
  };
  const done = await o.db.tx((sql) => renewLineFromBalance(sql, { policy: o.policy }, request));
  if (o.random() < RETRY_SHARE) await retried(() => o.db.tx((sql) => renewLineFromBalance(sql, { policy: o.policy }, { ...request, now: (at + 1000) as Instant })), tally);
  tally.renewals += 1;
  tally.renewalsByLine.set(line.msisdn, (tally.renewalsByLine.get(line.msisdn) ?? 0) + 1);
  return done.result.validUntil;
}

async function retried(again: () => Promise<{ replayed: boolean }>, tally: SimTally): Promise<void> {
  if ((await again()).replayed) tally.retriesReplayed += 1;
  else tally.retriesNotReplayed += 1;
}

export function lastDay(world: World, days: number): IsoDate {
  return addDays(world.start, days - 1);
}
