// A counter receipt as the PDF the agent prints: in the line's language, with the store, the agent
// and the address where anyone can verify it. Staff of another store are refused.
import { DomainError } from '../domain/errors.ts';
import { isLocale } from '../domain/money.ts';
import { storeText } from '../domain/store-schedule.ts';
import { findStaffById } from '../db/staff-repository.ts';
import { findStore } from '../db/store-repository.ts';
import { loadCounterSale } from './counter-sale.ts';
import { findReceipt } from '../db/receipt-repository.ts';
import { findPlanTexts } from '../db/statement-repository.ts';
import { planNameIn } from '../domain/statement.ts';
import { renderReceiptPdf } from './render-receipt-pdf.ts';
import type { StaffDeps } from './staff-auth.ts';
import { assertStoreAccess, type StaffActor } from './staff-scope.ts';

export interface PrintedReceipt {
  readonly number: string;
  readonly pdf: Buffer;
}

/** Where a receipt's QR code points: the portal's check page, in the receipt's language. */
export function receiptPageUrl(baseUrl: string, number: string, language: string): string {
  const lang = isLocale(language) ? `?lang=${language}` : '';
  return `${baseUrl.replace(/\/$/, '')}/receipts/${encodeURIComponent(number)}${lang}`;
}

export async function printCounterReceipt(deps: StaffDeps & { readonly baseUrl: string }, actor: StaffActor, number: string): Promise<PrintedReceipt> {
  const receipt = await findReceipt(deps.db, number);
  if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', 'no such receipt');
  assertStoreAccess(actor.staff, receipt.storeId);
  await loadCounterSale(deps, actor, receipt.orderId);
  const store = await findStore(deps.db, receipt.storeId);
  const agent = await findStaffById(deps.db, receipt.staffId);
  const sold = receipt.items as { items?: readonly { planCode?: string | null }[] };
  const plans = await findPlanTexts(deps.db, [...new Set((sold.items ?? []).flatMap((i) => (i.planCode ? [i.planCode] : [])))]);
  const pdf = await renderReceiptPdf({
    receipt,
    storeName: store ? storeText(store.names, receipt.language) : receipt.storeId,
    storeAddress: store ? storeText(store.addresses, receipt.language) : '',
    agentPhone: agent?.phone ?? receipt.staffId,
    planName: (code, locale) => planNameIn(plans.get(code), locale) ?? undefined,
    // A page in the receipt's language that says whether it is ours (the JSON check stays for machines).
    verifyUrl: receiptPageUrl(deps.baseUrl, receipt.number, receipt.language),
  });
  return { number: receipt.number, pdf };
}
