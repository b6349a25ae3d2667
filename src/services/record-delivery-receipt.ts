// A delivery receipt from the SMSC moves its message to delivered, undeliverable or expired, all
// parts considered. A receipt that overtakes the write of its message's ids waits and is applied
// when they are written. The receipt's text may start with a one-time code: it is never used here.
// Receipts come in batches (the SMS runtime gathers those arriving while one batch is written):
// a message sent at a top-up's pace would otherwise cost a transaction per receipt.
import type { Instant } from '../domain/calendar.ts';
import type { ReceiptStat } from '../domain/delivery-receipt.ts';
import { deliveryStateFromReceipts, readPartReceipts, writePartReceipt } from '../domain/sms-delivery.ts';
import type { Database, Sql } from '../db/database.ts';
import {
  keepUnmatchedReceipts, lockByIds, lockByMessageIds, lockMessageIds, saveDeliveryStates, takeUnmatchedReceipts, type DeliveryStateToSave, type ReceiptTarget,
} from '../db/sms-outbox-repository.ts';

export interface ReceiptInput {
  readonly messageId: string;
  /** The handset, as the SMSC wrote it (E.164 when it marked the number international). */
  readonly msisdn?: string;
  readonly stat: ReceiptStat;
  readonly error: string;
}

export type ReceiptOutcome = 'applied' | 'waiting';

const settled = new Set(['delivered', 'undeliverable', 'expired', 'failed']);

/** The row's new delivery state with these part receipts merged in; a settled message keeps its state. */
function withReceipts(row: ReceiptTarget, receipts: readonly ReceiptInput[]): DeliveryStateToSave {
  const parts: Record<string, string> = {};
  for (const [id, value] of Object.entries(row.part_receipts)) if (typeof value === 'string') parts[id] = value;
  for (const r of receipts) parts[r.messageId] = writePartReceipt({ stat: r.stat, error: r.error });
  const state = deliveryStateFromReceipts(row.smsc_message_ids, readPartReceipts(parts));
  const keep = settled.has(row.status);
  return { id: row.id, partReceipts: parts, status: keep ? row.status : state.status, error: keep ? undefined : state.error };
}

/** Only an E.164 number narrows the search; a national or alphanumeric address could match wrongly. */
const e164 = (msisdn: string | undefined): string | undefined => (msisdn && /^\+\d{7,15}$/.test(msisdn) ? msisdn : undefined);

/** Records these receipts in one transaction; each is applied to its message or parked until its ids are written. */
export async function recordDeliveryReceipts(deps: { readonly db: Database }, receipts: readonly ReceiptInput[], at: Instant): Promise<ReceiptOutcome[]> {
  if (receipts.length === 0) return [];
  return deps.db.tx(async (sql) => {
    await lockMessageIds(sql, receipts.map((r) => r.messageId));
    const found = await lockByMessageIds(sql, receipts.map((r) => ({ messageId: r.messageId, msisdn: e164(r.msisdn) })));
    const byRow = new Map<number, { row: ReceiptTarget; receipts: ReceiptInput[] }>();
    const unmatched = new Map<string, ReceiptInput>();
    const outcomes = receipts.map((receipt, index): ReceiptOutcome => {
      const row = found[index];
      if (!row) {
        // The same part reported twice in one batch: the later report is the one kept, as one at a time would.
        unmatched.set(receipt.messageId, receipt);
        return 'waiting';
      }
      const group = byRow.get(row.id) ?? byRow.set(row.id, { row, receipts: [] }).get(row.id);
      group?.receipts.push(receipt);
      return 'applied';
    });
    await saveDeliveryStates(sql, [...byRow.values()].map((g) => withReceipts(g.row, g.receipts)), new Date(at));
    await keepUnmatchedReceipts(sql, [...unmatched.values()], new Date(at));
    return outcomes;
  });
}

/** After these messages' ids are written (each message's row locked by the caller): the receipts that arrived first. */
export async function applyWaitingReceipts(sql: Sql, messages: readonly { id: number; messageIds: readonly string[] }[], at: Instant): Promise<void> {
  const owner = new Map<string, number>();
  for (const m of messages) for (const id of m.messageIds) owner.set(id, m.id);
  if (owner.size === 0) return;
  const waiting = await takeUnmatchedReceipts(sql, [...owner.keys()]);
  if (waiting.length === 0) return;
  const byRow = new Map<number, ReceiptInput[]>();
  for (const w of waiting) {
    const [stat] = [...readPartReceipts({ [w.message_id]: `${w.stat} ${w.error}` }).values()];
    const rowId = owner.get(w.message_id);
    if (!stat || rowId === undefined) continue;
    const list = byRow.get(rowId) ?? byRow.set(rowId, []).get(rowId);
    list?.push({ messageId: w.message_id, stat: stat.stat, error: stat.error });
  }
  const rows = await lockByIds(sql, [...byRow.keys()]);
  await saveDeliveryStates(sql, rows.map((row) => withReceipts(row, byRow.get(row.id) ?? [])), new Date(at));
}
