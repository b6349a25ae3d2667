// SQL for sending the outbox: claims under a lease, the outcome of each submit, receipts by SMSC
// message id (GIN index on smsc_message_ids), and the alerts a failed message leaves behind.
import type { Sql } from './database.ts';

/** One message as the outbox stores it (body already carries its check code). */
export interface OutboxRow {
  readonly msisdn: string;
  readonly kind: string;
  readonly language: string;
  readonly body: string;
  readonly checkCode: string;
  readonly dedupeKey: string | null;
  readonly notBefore: Date;
  readonly createdAt: Date;
}

export interface ClaimedSms {
  readonly id: number;
  readonly msisdn: string;
  readonly kind: string;
  readonly body: string;
  /** Claims so far, this one included. */
  readonly attempts: number;
  /** The request or job pass that wrote it (for the send's log line). */
  readonly request_id?: string | null;
}

/** A claim with what decides how its text is written: the line's language and script choice. */
export interface ClaimedSmsRow extends ClaimedSms {
  readonly language: string;
  /** The line asked for Azerbaijani SMS in Latin letters (false for a number that is no line). */
  readonly az_latin: boolean;
}

const outboxColumns = 'msisdn, kind, language, body, check_code, dedupe_key, not_before, created_at';

/**
 * SQL (a data-modifying CTE's body) that claims the dedupe keys of the messages in `source` (a
 * CTE with the outbox's columns) in sms_outbox_keys and returns the keys this statement won. The
 * outbox is partitioned by month, so its dedupe key cannot be unique there; this table is what
 * makes a message written twice kept once: a second writer of a key waits on its primary key
 * and then gets nothing back.
 */
export function claimSmsKeys(source: string): string {
  return `insert into sms_outbox_keys (dedupe_key, created_at)
       select dedupe_key, min(created_at) from ${source} where dedupe_key is not null group by dedupe_key
       on conflict (dedupe_key) do nothing returning dedupe_key`;
}

/** The outbox insert for `source`'s messages: those without a key and, once each, those whose key `claimed` returned. */
export function insertClaimedSms(source: string, claimed: string): string {
  return `insert into sms_outbox (${outboxColumns})
       select ${outboxColumns} from ${source} where dedupe_key is null
       union all
       select distinct on (s.dedupe_key) ${outboxColumns.split(', ').map((c) => `s.${c}`).join(', ')}
         from ${source} s join ${claimed} c on c.dedupe_key = s.dedupe_key`;
}

/** The text that leaves, when it differs from the one written (a line's Latin-letters choice). */
export async function rewriteBodies(sql: Sql, bodies: readonly { id: number; body: string }[]): Promise<void> {
  if (bodies.length === 0) return;
  await sql.query(
    `update sms_outbox o set body = b.body
       from json_to_recordset($1::json) as b(id int8, body text)
      where o.id = b.id`,
    [JSON.stringify(bodies)],
  );
}

/** Quiet hours: queued rows of the held kinds that fell due wait until `until` (the window's end). */
export async function deferDue(sql: Sql, now: Date, kinds: readonly string[], until: Date): Promise<number> {
  const rows = await sql.query<{ id: number }>(
    `update sms_outbox set not_before = $3
      where status = 'queued' and not_before <= $1 and kind = any($2::text[])
     returning id`,
    [now, kinds, until],
  );
  return rows.length;
}

/** Due queued rows, oldest first, taken by this worker until `leaseUntil`; rows another process holds are skipped. */
export function claimDue(sql: Sql, now: Date, owner: string, leaseUntil: Date, limit: number): Promise<ClaimedSmsRow[]> {
  return sql.query<ClaimedSmsRow>(
    `with due as (
       select id from sms_outbox
        where status = 'queued' and not_before <= $1
        order by not_before, id
        limit $4
        for update skip locked
     )
     update sms_outbox o
        set status = 'submitting', attempts = o.attempts + 1, lease_owner = $2, lease_until = $3
       from due where o.id = due.id
     returning o.id, o.msisdn, o.kind, o.body, o.attempts, o.language, o.request_id,
               coalesce((select l.az_sms_latin from lines l where l.msisdn = o.msisdn), false) as az_latin`,
    [now, owner, leaseUntil, limit],
  );
}

export async function renewLeases(sql: Sql, ids: readonly number[], owner: string, leaseUntil: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await sql.query(
    `with held as (
       select id from sms_outbox where id = any($1::int8[]) and status = 'submitting' and lease_owner = $2 order by id for update
     )
     update sms_outbox o set lease_until = $3 from held where o.id = held.id returning 1`,
    [ids, owner, leaseUntil],
  );
  return rows.length;
}

export interface ExpiredClaim {
  readonly id: number;
  readonly kind: string;
  readonly body: string;
  readonly attempts: number;
  readonly has_ids: boolean;
}

/** Rows whose worker stopped renewing its lease (it died), locked for the caller to settle. */
export function lockExpiredClaims(sql: Sql, now: Date, limit: number): Promise<ExpiredClaim[]> {
  return sql.query<ExpiredClaim>(
    `select id, kind, body, attempts, cardinality(smsc_message_ids) > 0 as has_ids
       from sms_outbox
      where status = 'submitting' and lease_until < $1
      order by lease_until
      limit $2
      for update skip locked`,
    [now, limit],
  );
}

/** The SMSC took these: ids and parts recorded, leases dropped, only where this worker still holds the claim; returns those ids. */
export async function markSubmittedMany(
  sql: Sql, owner: string, submits: readonly { id: number; messageIds: readonly string[]; segments: number; body: string }[], at: Date,
): Promise<Set<number>> {
  if (submits.length === 0) return new Set();
  // Rows locked in id order, as renewLeases locks them: two statements over the same claims never wait on each other in a cycle.
  const rows = await sql.query<{ id: number }>(
    `with s as (
       select * from jsonb_to_recordset($1::jsonb) as s(id int8, message_ids jsonb, segments int4, body text)
     ), held as (
       select o.id from sms_outbox o where o.id in (select id from s) and o.status = 'submitting' and o.lease_owner = $2 order by o.id for update
     )
     update sms_outbox o
        set status = 'submitted', smsc_message_ids = array(select jsonb_array_elements_text(s.message_ids)), segments = s.segments,
            body = s.body, submitted_at = $3, lease_owner = null, lease_until = null, last_error = null
       from s join held on held.id = s.id
      where o.id = s.id
      returning o.id`,
    [JSON.stringify(submits.map((s) => ({ id: s.id, message_ids: s.messageIds, segments: s.segments, body: s.body }))), owner, at],
  );
  return new Set(rows.map((r) => r.id));
}

/** Back to the queue, to be tried at `notBefore`; `countAttempt` false when it never left us. */
export async function requeue(
  sql: Sql, id: number, owner: string | null, notBefore: Date, error: string | null, countAttempt: boolean,
): Promise<boolean> {
  const rows = await sql.query(
    `update sms_outbox
        set status = 'queued', not_before = $3, last_error = coalesce($4, last_error),
            attempts = case when $5 then attempts else greatest(attempts - 1, 0) end,
            lease_owner = null, lease_until = null
      where id = $1 and status = 'submitting' and ($2::text is null or lease_owner = $2)
      returning 1`,
    [id, owner, notBefore, error, countAttempt],
  );
  return rows.length > 0;
}

/** Given up: failed, with its body replaced (it may hold a code), and an alert for an operator. */
export async function markFailed(sql: Sql, id: number, owner: string | null, error: string, body: string | null, at: Date): Promise<boolean> {
  const rows = await sql.query<{ msisdn: string; kind: string; attempts: number }>(
    `update sms_outbox
        set status = 'failed', last_error = $3, body = coalesce($4, body), done_at = $5, lease_owner = null, lease_until = null
      where id = $1 and status = 'submitting' and ($2::text is null or lease_owner = $2)
      returning msisdn, kind, attempts`,
    [id, owner, error, body, at],
  );
  const row = rows[0];
  if (!row) return false;
  await sql.query(
    `insert into operator_alerts (kind, subject, detail, created_at) values ('sms_failed', $1, $2, $3)`,
    [`sms_outbox:${id}`, { outboxId: id, msisdn: row.msisdn, kind: row.kind, attempts: row.attempts, error }, at],
  );
  return true;
}

/** A claim whose worker died after the SMSC gave it ids: it was sent; record that, never resend. */
export async function settleAsSubmitted(sql: Sql, id: number, at: Date): Promise<void> {
  await sql.query(
    `update sms_outbox set status = 'submitted', submitted_at = coalesce(submitted_at, $2), lease_owner = null, lease_until = null
      where id = $1 and status = 'submitting'`,
    [id, at],
  );
}

export interface ReceiptTarget {
  readonly id: number;
  readonly status: string;
  readonly smsc_message_ids: string[];
  readonly part_receipts: Record<string, unknown>;
}

/**
 * Serialises the two writers of one SMSC id until the transaction ends: the receipt handler (that
 * may find no message yet) and the worker writing the ids. Without it a receipt could be parked
 * just after the worker looked for parked receipts, and wait forever.
 */
export async function lockMessageIds(sql: Sql, messageIds: readonly string[]): Promise<void> {
  await sql.query(
    `select pg_advisory_xact_lock(hashtextextended('smsc-id:' || id, 0)) from (select distinct unnest($1::text[]) as id order by 1) ids`,
    [messageIds],
  );
}

/** These messages, locked, for settling receipts that waited for their ids. */
export function lockByIds(sql: Sql, ids: readonly number[]): Promise<ReceiptTarget[]> {
  return sql.query<ReceiptTarget>(
    'select id, status, smsc_message_ids, part_receipts from sms_outbox where id = any($1::int8[]) order by id for update',
    [ids],
  );
}

/**
 * For each receipt, the newest message holding its SMSC id, to its number when the receipt names
 * one in E.164 (an SMSC may reuse ids over time, or after its own restart; a number and an id
 * together it won't), locked; undefined for a receipt with no message yet. One index scan for the
 * whole batch: a GIN lookup reads the index's pending list each time (about 2 ms here after a
 * burst of sends), so a lookup per receipt would cost that per receipt.
 */
export async function lockByMessageIds(sql: Sql, receipts: readonly { messageId: string; msisdn: string | undefined }[]): Promise<(ReceiptTarget | undefined)[]> {
  const rows = await sql.query<ReceiptTarget & { msisdn: string }>(
    `select id, msisdn, status, smsc_message_ids, part_receipts from sms_outbox
      where smsc_message_ids && $1::text[]
      order by id
      for update`,
    [[...new Set(receipts.map((r) => r.messageId))]],
  );
  const holding = new Map<string, (ReceiptTarget & { msisdn: string })[]>();
  for (const row of rows) for (const id of row.smsc_message_ids) holding.set(id, [...(holding.get(id) ?? []), row]);
  // One answer per receipt, in their order: two receipts with one id (an SMSC reusing ids) may
  // belong to two messages, told apart by their numbers.
  return receipts.map((receipt) => {
    let newest: (ReceiptTarget & { msisdn: string }) | undefined;
    for (const row of holding.get(receipt.messageId) ?? []) {
      if (receipt.msisdn !== undefined && row.msisdn !== receipt.msisdn) continue;
      if (!newest || row.id > newest.id) newest = row;
    }
    return newest && { id: newest.id, status: newest.status, smsc_message_ids: newest.smsc_message_ids, part_receipts: newest.part_receipts };
  });
}

export interface DeliveryStateToSave {
  readonly id: number;
  readonly partReceipts: Record<string, string>;
  readonly status: string;
  readonly error: string | undefined;
}

/** Messages' part receipts and delivery state, in one statement. */
export async function saveDeliveryStates(sql: Sql, states: readonly DeliveryStateToSave[], at: Date): Promise<void> {
  if (states.length === 0) return;
  await sql.query(
    `update sms_outbox o
        set part_receipts = s.parts, status = s.status, last_error = coalesce(s.error, o.last_error),
            done_at = case when s.status in ('delivered', 'undeliverable', 'expired') then $2 else o.done_at end
       from jsonb_to_recordset($1::jsonb) as s(id int8, parts jsonb, status text, error text)
      where o.id = s.id`,
    [JSON.stringify(states.map((s) => ({ id: s.id, parts: s.partReceipts, status: s.status, error: s.error ?? null }))), at],
  );
}

/** Receipts whose message ids are not written yet (one per id), kept for when they are. */
export async function keepUnmatchedReceipts(sql: Sql, receipts: readonly { messageId: string; stat: string; error: string }[], at: Date): Promise<void> {
  if (receipts.length === 0) return;
  await sql.query(
    `insert into sms_unmatched_receipts (message_id, stat, error, received_at)
     select message_id, stat, error, $2 from unnest($1::text[], $3::text[], $4::text[]) as r(message_id, stat, error)
     on conflict (message_id) do update set stat = excluded.stat, error = excluded.error, received_at = excluded.received_at`,
    [receipts.map((r) => r.messageId), at, receipts.map((r) => r.stat), receipts.map((r) => r.error)],
  );
}

/** Receipts that came before their ids were written, taken off the waiting table. */
export function takeUnmatchedReceipts(sql: Sql, messageIds: readonly string[]): Promise<{ message_id: string; stat: string; error: string }[]> {
  return sql.query(
    'delete from sms_unmatched_receipts where message_id = any($1::text[]) returning message_id, stat, error',
    [messageIds],
  );
}

/** Receipts nobody claimed within a week belong to no message of ours. */
export async function pruneUnmatchedReceipts(sql: Sql, before: Date): Promise<void> {
  await sql.query(
    'delete from sms_unmatched_receipts where message_id in (select message_id from sms_unmatched_receipts where received_at < $1 limit 1000)',
    [before],
  );
}
