// A delivery receipt from the SMSC moves its message to delivered, undeliverable or expired, all
// parts considered. A receipt that overtakes the write of its message's ids waits and is applied
// when they are written. The receipt's text may start with a one-time code: it is never used here.
import type { Instant } from '../domain/calendar.ts';
import type { ReceiptStat } from '../domain/delivery-receipt.ts';
import { deliveryStateFromReceipts, readPartReceipts, writePartReceipt } from '../domain/sms-delivery.ts';
import type { Database, Sql } from '../db/database.ts';
import { keepUnmatchedReceipt, lockByMessageId, lockMessageIds, saveDeliveryState, takeUnmatchedReceipts, type ReceiptTarget } from '../db/sms-outbox-repository.ts';

export interface ReceiptInput {
  readonly messageId: string;
  /** The handset, as the SMSC wrote it (E.164 when it marked the number international). */
  readonly msisdn?: string;
  readonly stat: ReceiptStat;
  readonly error: string;
}

const settled = new Set(['delivered', 'undeliverable', 'expired', 'failed']);

/** Merges part receipts into the row and sets its state; a settled message keeps its state. */
export async function applyReceipts(sql: Sql, row: ReceiptTarget, receipts: readonly ReceiptInput[], at: Instant): Promise<void> {
  const parts: Record<string, string> = {};
  for (const [id, value] of Object.entries(row.part_receipts)) if (typeof value === 'string') parts[id] = value;
  for (const r of receipts) parts[r.messageId] = writePartReceipt({ stat: r.stat, error: r.error });
  const state = deliveryStateFromReceipts(row.smsc_message_ids, readPartReceipts(parts));
  const status = settled.has(row.status) ? row.status : state.status;
  await saveDeliveryState(sql, row.id, parts, status, settled.has(row.status) ? undefined : state.error, new Date(at));
}

export async function recordDeliveryReceipt(deps: { readonly db: Database }, receipt: ReceiptInput, at: Instant): Promise<'applied' | 'waiting'> {
  return deps.db.tx(async (sql) => {
    await lockMessageIds(sql, [receipt.messageId]);
    const [row] = await lockByMessageId(sql, receipt.messageId, receipt.msisdn && /^\+\d{7,15}$/.test(receipt.msisdn) ? receipt.msisdn : undefined);
    if (!row) {
      await keepUnmatchedReceipt(sql, receipt.messageId, receipt.stat, receipt.error, new Date(at));
      return 'waiting';
    }
    await applyReceipts(sql, row, [receipt], at);
    return 'applied';
  });
}

/** After a message's ids are written: the receipts that arrived first. */
export async function applyWaitingReceipts(sql: Sql, row: ReceiptTarget, at: Instant): Promise<void> {
  const waiting = await takeUnmatchedReceipts(sql, row.smsc_message_ids);
  const receipts: ReceiptInput[] = [];
  for (const w of waiting) {
    const [stat] = [...readPartReceipts({ [w.message_id]: `${w.stat} ${w.error}` }).values()];
    if (stat) receipts.push({ messageId: w.message_id, stat: stat.stat, error: stat.error });
  }
  if (receipts.length > 0) await applyReceipts(sql, row, receipts, at);
}
