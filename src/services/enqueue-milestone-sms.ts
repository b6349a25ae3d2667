// Writes the reminders and stage notices due on a day to the SMS outbox, set-based: the database
// finds the lines with a milestone due and not yet written (an anti-join on the dedupe key), and
// only those few come to JS to be rendered in their language with a fresh check code. Rendering
// here, not at send time, keeps one shape for every outbox row: body and check code exist from
// the start, so the worker, the check endpoint and the redaction never need to know the kind.
import { randomBytes } from 'node:crypto';
import type { Instant, IsoDate } from '../domain/calendar.ts';
import { appendCheckCode, checkCodeFromRandom, CHECK_CODE_RANDOM_BYTES, type CheckCode } from '../domain/check-code.ts';
import type { LineStatus } from '../domain/lifecycle.ts';
import type { Locale } from '../domain/money.ts';
import type { SmsKind } from '../domain/sms-templates.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { dueMilestone, milestoneFacts, milestoneKey, milestoneSms, NOTICE_STAGES, type Milestone, type MilestoneFacts } from '../domain/reminder-milestones.ts';
import type { Database } from '../db/database.ts';
import { claimSmsKeys, insertClaimedSms } from '../db/sms-outbox-repository.ts';

export interface MilestoneDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
}

export interface MilestoneResult {
  readonly reminders: number;
  readonly notices: number;
}

interface DueRow {
  readonly msisdn: string;
  readonly status: LineStatus;
  readonly valid_until: IsoDate;
  readonly language: Locale;
  readonly key: string;
}

/** One CSPRNG draw for many codes; a slice that yields none (about 1 in 10^14) draws again. */
export function drawCheckCodes(count: number): CheckCode[] {
  const pool = randomBytes(CHECK_CODE_RANDOM_BYTES * count);
  const codes: CheckCode[] = [];
  for (let i = 0; i < count; i += 1) {
    let code = checkCodeFromRandom(pool.subarray(i * CHECK_CODE_RANDOM_BYTES, (i + 1) * CHECK_CODE_RANDOM_BYTES));
    while (!code) code = checkCodeFromRandom(randomBytes(CHECK_CODE_RANDOM_BYTES));
    codes.push(code);
  }
  return codes;
}

/** A line in a notice stage is looked at for this long after it entered it (a joiner, a crashed sweep). */
export const NOTICE_CATCH_UP_DAYS = 7;

// The same rule as dueMilestone, in SQL, so lines with nothing due never leave the database.
// Active lines within the policy's first reminder of their end, and lines that entered a notice
// stage lately (moved by a sweep, or provisioned there), minus those whose milestone is already in
// the outbox. The outbox test is a scalar subquery on purpose: a per-row probe of the dedupe index,
// where an anti-join would hash the whole (ever-growing) outbox.
// Reminder choices: a milestone is left out only when every account holding the line turned it
// off (a customer_reminder_optouts row, or stage_notices false); a line on no account gets them
// all. `quiet` starts from the accounts that turned something off (the opt-out table and a partial
// index hold only those), so it stays as small as they are and joins the due rows by hash: no
// lookup per due line.
// The milestone CASE has one branch per reminder day, most urgent first, each day a parameter:
// $1 today, $2 notice stages, $3 entered since, $4.. the reminder days (most urgent first).
function dueSql(reminderDayCount: number): string {
  const day = (i: number): string => `$${i + 4}::int`;
  const branches = Array.from({ length: reminderDayCount }, (_, i) => `when l.valid_until - $1::date <= ${day(i)} then ${day(i)}`).join(' ');
  const furthest = day(reminderDayCount - 1);
  return `
  with opted as (
    select customer_id from customer_reminder_optouts
    union
    select customer_id from customer_settings where not stage_notices),
  holders as (
    select cl.msisdn, cl.customer_id
      from (select distinct cl.msisdn from opted o join customer_lines cl on cl.customer_id = o.customer_id and cl.detached_at is null) o
      join customer_lines cl on cl.msisdn = o.msisdn and cl.detached_at is null),
  quiet as (
    select h.msisdn, count(*) as holders, bool_and(not coalesce(s.stage_notices, true)) as notices
      from holders h left join customer_settings s on s.customer_id = h.customer_id
     group by h.msisdn),
  quiet_days as (
    select h.msisdn, r.milestone_days as days, count(*) as holders
      from holders h join customer_reminder_optouts r on r.customer_id = h.customer_id
     group by h.msisdn, r.milestone_days)
  select c.msisdn, c.status, to_char(c.valid_until, 'YYYY-MM-DD') as valid_until, c.language, c.key
    from (select l.msisdn, l.status, l.valid_until, l.language, d.days,
                 case when l.status = 'active' then
                        'reminder:' || l.msisdn || ':' || to_char(l.valid_until, 'YYYY-MM-DD') || ':' || d.days
                      else 'notice:' || l.msisdn || ':' || to_char(l.valid_until, 'YYYY-MM-DD') || ':' || l.status end as key
            from lines l
            cross join lateral (select case when l.status <> 'active' then null ${branches} end as days) d
           where (l.status = 'active' and l.valid_until between $1::date and $1::date + ${furthest})
              or (l.status = any($2::text[]) and l.status_changed_at >= $3)) c
    left join quiet q on q.msisdn = c.msisdn
    left join quiet_days qd on qd.msisdn = c.msisdn and qd.days = c.days
   where not exists (select 1 from sms_outbox_keys o where o.dedupe_key = c.key)
     and (q.msisdn is null or not (case when c.days is null then q.notices else coalesce(qd.holders = q.holders, false) end))`;
}

// Written only while the line still has the validity end and stage the text speaks of. The rows
// travel as one JSON document: far cheaper for the driver than nine text arrays.
const insertSql = `
  with sms_in as (
    select u.msisdn, u.kind, u.language, u.body, u.check_code, u.key as dedupe_key, $2::timestamptz as not_before, $2::timestamptz as created_at
      from json_to_recordset($1::json)
             as u(msisdn text, kind text, language text, body text, check_code text, key text, valid_until date, status text)
     where exists (select 1 from lines l where l.msisdn = u.msisdn and l.valid_until = u.valid_until and l.status = u.status)
  ), sms_key as (${claimSmsKeys('sms_in')}
  ), written as (${insertClaimedSms('sms_in', 'sms_key')}
    returning kind
  )
  select kind, count(*)::int8 as n from written group by kind`;

interface OutboxRow {
  readonly msisdn: string; readonly kind: SmsKind; readonly language: Locale; readonly body: string;
  readonly check_code: string; readonly key: string; readonly valid_until: IsoDate; readonly status: LineStatus;
}

function renderChunk(rows: readonly DueRow[], today: IsoDate, policy: ValidityPolicy): OutboxRow[] {
  const codes = drawCheckCodes(rows.length);
  // Date arithmetic and time-zone formatting cost far more than rendering, and depend only on the
  // stage and the validity end: worked out once per distinct value, not per line.
  const byDay = new Map<string, { milestone: Milestone | undefined; facts: MilestoneFacts }>();
  return rows.map((row, i) => {
    const msisdn = trustedMsisdn(row.msisdn);
    const dayKey = `${row.status}|${row.valid_until}`;
    let day = byDay.get(dayKey);
    if (!day) {
      day = { milestone: dueMilestone(row.status, row.valid_until, today, policy.reminderDays), facts: milestoneFacts(row.valid_until, today, policy) };
      byDay.set(dayKey, day);
    }
    const { milestone, facts } = day;
    // The SQL above and dueMilestone state one rule twice; a disagreement is a bug, said loudly.
    if (!milestone || milestoneKey(msisdn, row.valid_until, milestone) !== row.key) {
      throw new Error(`milestone rule mismatch for ${row.key}`);
    }
    const sms = milestoneSms(milestone, { msisdn, validUntil: row.valid_until, language: row.language }, facts);
    const code = codes[i];
    if (!code) throw new Error('check codes ran short');
    return {
      msisdn, kind: sms.kind, language: row.language, body: appendCheckCode(sms.text, code, row.language),
      check_code: code, key: row.key, valid_until: row.valid_until, status: row.status,
    };
  });
}

/** Writes every milestone due on `today` that is not in the outbox yet; idempotent. */
export async function enqueueMilestoneSms(deps: MilestoneDeps, today: IsoDate, at: Instant, chunkSize = 10_000): Promise<MilestoneResult> {
  const urgentFirst = deps.policy.reminderDays.toSorted((a, b) => a - b);
  const since = new Date(at - NOTICE_CATCH_UP_DAYS * 86_400_000);
  const due = await deps.db.query<DueRow>(dueSql(urgentFirst.length), [today, NOTICE_STAGES, since, ...urgentFirst]);
  let reminders = 0;
  let notices = 0;
  const insert = async (rows: readonly OutboxRow[]): Promise<void> => {
    const written = await deps.db.tx((sql) => sql.query<{ kind: string; n: number }>(insertSql, [JSON.stringify(rows), new Date(at)]));
    for (const w of written) {
      if (w.kind === 'reminder') reminders += w.n;
      else notices += w.n;
    }
  };
  // Chunks are rendered while the database writes earlier ones; PostgreSQL writes two at once.
  const lanes = deps.db.engine === 'postgres' ? 2 : 1;
  const writing = new Set<Promise<void>>();
  let failure: unknown;
  for (let from = 0; from < due.length && failure === undefined; from += chunkSize) {
    const rows = renderChunk(due.slice(from, from + chunkSize), today, deps.policy);
    if (writing.size >= lanes) await Promise.race(writing);
    const write: Promise<void> = insert(rows)
      .catch((error: unknown) => { failure ??= error; })
      .finally(() => writing.delete(write));
    writing.add(write);
  }
  await Promise.all(writing);
  // A failed chunk stops the pass once the chunks already sent have finished; the next sweep resumes.
  if (failure !== undefined) throw failure;
  return { reminders, notices };
}
