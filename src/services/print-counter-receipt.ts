// A counter receipt as the PDF the agent prints: in the line's language, with the store, the agent
// and the address where anyone can verify it. Staff of another store are refused.
import { DomainError } from '../domain/errors.ts';
import { storeText } from '../domain/store-schedule.ts';
import { findStaffById } from '../db/staff-repository.ts';
import { findStore } from '../db/store-repository.ts';
import { loadCounterSale } from './counter-sale.ts';
import { findReceipt } from '../db/receipt-repository.ts';
import { renderReceiptPdf } from './render-receipt-pdf.ts';
import type { StaffDeps } from './staff-auth.ts';
import { assertStoreAccess, type StaffActor } from './staff-scope.ts';

export interface PrintedReceipt {
  readonly number: string;
  readonly pdf: Buffer;
}

export async function printCounterReceipt(deps: StaffDeps & { readonly baseUrl: string }, actor: StaffActor, number: string): Promise<PrintedReceipt> {
  const receipt = await findReceipt(deps.db, number);
  if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', 'no such receipt');
  assertStoreAccess(actor.staff, receipt.storeId);
  await loadCounterSale(deps, actor, receipt.orderId);
  const store = await findStore(deps.db, receipt.storeId);
  const agent = await findStaffById(deps.db, receipt.staffId);
  const pdf = await renderReceiptPdf({
    receipt,
    storeName: store ? storeText(store.names, receipt.language) : receipt.storeId,
    storeAddress: store ? storeText(store.addresses, receipt.language) : '',
    agentPhone: agent?.phone ?? receipt.staffId,
    verifyUrl: `${deps.baseUrl}/api/v1/receipts/${encodeURIComponent(receipt.number)}/verify`,
  });
  return { number: receipt.number, pdf };
}
