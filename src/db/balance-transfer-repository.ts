// Balance transfers asked for and confirmed (migration 0047). Every call runs inside a
// transaction opened by a service; the money itself moves through the ledger (applyLineChange).
import type { TransferRelation } from '../domain/balance-transfer.ts';
import { qepik, type Qepik } from '../domain/money.ts';
import { trustedMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

export type TransferStatus = 'pending' | 'completed';

export interface StoredTransfer {
  readonly id: string;
  readonly customerId: string;
  readonly from: Msisdn;
  readonly to: Msisdn;
  readonly amount: Qepik;
  readonly relation: Exclude<TransferRelation, 'none'>;
  readonly requestHash: string;
  readonly codeHash: string;
  readonly attempts: number;
  readonly status: TransferStatus;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

interface TransferRow {
  id: string; customer_id: string; from_msisdn: string; to_msisdn: string; amount: number; relation: 'own_line' | 'group_member';
  request_hash: string; code_hash: string; attempts: number; status: TransferStatus; expires_at: Date; created_at: Date; completed_at: Date | null;
}

const columns = 'id, customer_id, from_msisdn, to_msisdn, amount, relation, request_hash, code_hash, attempts, status, expires_at, created_at, completed_at';

function toTransfer(row: TransferRow): StoredTransfer {
  return {
    id: row.id, customerId: row.customer_id, from: trustedMsisdn(row.from_msisdn), to: trustedMsisdn(row.to_msisdn), amount: qepik(row.amount),
    relation: row.relation, requestHash: row.request_hash, codeHash: row.code_hash, attempts: row.attempts, status: row.status,
    expiresAt: row.expires_at, createdAt: row.created_at, completedAt: row.completed_at,
  };
}

export interface TransferToStore {
  readonly id: string;
  readonly customerId: string;
  readonly from: Msisdn;
  readonly to: Msisdn;
  readonly amount: Qepik;
  readonly relation: Exclude<TransferRelation, 'none'>;
  readonly requestKey: string;
  readonly requestHash: string;
  readonly codeHash: string;
  readonly expiresAt: Date;
  readonly at: Date;
  readonly policyVersion: string;
}

/** False when this account already used the key (the caller then reads that transfer back). */
export async function insertTransfer(sql: Sql, t: TransferToStore): Promise<boolean> {
  const rows = await sql.query(
    `insert into balance_transfers (id, customer_id, from_msisdn, to_msisdn, amount, relation, request_key, request_hash, code_hash, status, expires_at, created_at, policy_version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $12)
     on conflict (customer_id, request_key) do nothing returning 1`,
    [t.id, t.customerId, t.from, t.to, t.amount, t.relation, t.requestKey, t.requestHash, t.codeHash, t.expiresAt, t.at, t.policyVersion],
  );
  return rows.length === 1;
}

export async function findTransferByKey(sql: Sql, customerId: string, requestKey: string): Promise<StoredTransfer | undefined> {
  const [row] = await sql.query<TransferRow>(`select ${columns} from balance_transfers where customer_id = $1 and request_key = $2`, [customerId, requestKey]);
  return row ? toTransfer(row) : undefined;
}

/** The account's own transfer, locked so two confirmations of it take turns; another account's is not found. */
export async function lockTransfer(sql: Sql, customerId: string, id: string): Promise<StoredTransfer | undefined> {
  const [row] = await sql.query<TransferRow>(
    `select ${columns} from balance_transfers where id = $1 and customer_id = $2 for update`, [id, customerId],
  );
  return row ? toTransfer(row) : undefined;
}

export async function findTransfer(sql: Sql, customerId: string, id: string): Promise<StoredTransfer | undefined> {
  const [row] = await sql.query<TransferRow>(`select ${columns} from balance_transfers where id = $1 and customer_id = $2`, [id, customerId]);
  return row ? toTransfer(row) : undefined;
}

/** Codes asked for from this source line since that moment (the per-line request limit). */
export async function countTransferRequestsSince(sql: Sql, from: Msisdn, since: Date): Promise<number> {
  const [row] = await sql.query<{ n: number }>('select count(*)::int8 as n from balance_transfers where from_msisdn = $1 and created_at > $2', [from, since]);
  return row?.n ?? 0;
}

export async function recordWrongTransferCode(sql: Sql, id: string): Promise<number> {
  const [row] = await sql.query<{ attempts: number }>('update balance_transfers set attempts = least(attempts + 1, 5) where id = $1 returning attempts', [id]);
  return row?.attempts ?? 0;
}

export async function markTransferCompleted(sql: Sql, id: string, at: Date): Promise<void> {
  await sql.query("update balance_transfers set status = 'completed', completed_at = $2 where id = $1", [id, at]);
}

/** What this line sent in transfers completed in [from, to): the daily cap's count. */
export async function sumSentBetween(sql: Sql, msisdn: Msisdn, from: Date, to: Date): Promise<Qepik> {
  const [row] = await sql.query<{ total: number }>(
    `select coalesce(sum(amount), 0)::int8 as total from balance_transfers
      where from_msisdn = $1 and status = 'completed' and completed_at >= $2 and completed_at < $3`,
    [msisdn, from, to],
  );
  return qepik(row?.total ?? 0);
}

/**
 * Locks both lines' rows in msisdn order, whichever way the money goes: A→B and B→A at the same
 * moment then queue on the same first row instead of each holding one and waiting for the other.
 */
export async function lockLinesInOrder(sql: Sql, msisdns: readonly Msisdn[]): Promise<void> {
  for (const msisdn of [...msisdns].sort()) {
    await sql.query('select 1 from lines where msisdn = $1 for update', [msisdn]);
  }
}

/**
 * How the recipient is tied to this account. Own lines only for now: when family and multi-SIM
 * groups exist, a live member of a group this account pays for answers `group_member` here.
 */
export async function transferRelation(sql: Sql, customerId: string, to: Msisdn): Promise<TransferRelation> {
  const rows = await sql.query('select 1 from customer_lines where customer_id = $1 and msisdn = $2 and detached_at is null', [customerId, to]);
  if (rows.length > 0) return 'own_line';
  // A family member: active in a group this customer pays for (issue 13, group_members).
  const members = await sql.query(
    `select 1 from group_members m join line_groups g on g.id = m.group_id
      where g.payer_id = $1::uuid and m.msisdn = $2 and m.status = 'active'`, [customerId, to]);
  return members.length > 0 ? 'group_member' : 'none';
}
