// Delivery receipts: the text an SMSC sends back in a deliver_sm (esm_class 0x04) once a message
// has reached the handset or failed. The format is SMPP 3.4 Appendix B, which is only "suggested",
// so the parser accepts the variations seen in practice (key case, "submit_date", seconds in dates,
// no text) but nothing that lacks a field it needs.
import { DomainError } from './errors.ts';

export const receiptStats = ['DELIVRD', 'EXPIRED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD', 'DELETED'] as const;
export type ReceiptStat = (typeof receiptStats)[number];

/** What a stat means for whoever waits on the message. */
export type DeliveryOutcome = 'delivered' | 'failed' | 'uncertain';

const outcomeOf: Readonly<Record<ReceiptStat, DeliveryOutcome>> = {
  DELIVRD: 'delivered',
  EXPIRED: 'failed',
  UNDELIV: 'failed',
  REJECTD: 'failed',
  DELETED: 'failed',
  // Accepted on the subscriber's behalf, or lost track of: neither proves the handset got it.
  ACCEPTD: 'uncertain',
  UNKNOWN: 'uncertain',
};

declare const smscLocalTimeBrand: unique symbol;
/**
 * A wall-clock time as the SMSC wrote it, "2026-11-20T15:30" (with ":SS" when it sent seconds).
 * The receipt does not say which time zone; only the SMSC's operator knows.
 */
export type SmscLocalTime = string & { readonly [smscLocalTimeBrand]: true };

export interface DeliveryReceipt {
  /** The message id the SMSC gave in submit_sm_resp (some SMSCs write it in decimal here). */
  readonly messageId: string;
  readonly submitted: number;
  readonly delivered: number;
  readonly submitDate: SmscLocalTime;
  readonly doneDate: SmscLocalTime;
  readonly stat: ReceiptStat;
  readonly outcome: DeliveryOutcome;
  /** Network-specific error code, as written ("000" when none). */
  readonly error: string;
  /** The first characters of the original message. May hold a one-time code: never log it. */
  readonly text: string;
}

interface Field {
  readonly key: RegExp;
  readonly value: RegExp;
  readonly name: string;
}

const fields = {
  id: { name: 'id', key: /^id:/i, value: /^[^\s]{1,65}/ },
  sub: { name: 'sub', key: /^sub:/i, value: /^\d{1,3}/ },
  dlvrd: { name: 'dlvrd', key: /^dlvrd:/i, value: /^\d{1,3}/ },
  submitDate: { name: 'submit date', key: /^submit[ _]date:/i, value: /^\d{10}(?:\d{2})?(?!\d)/ },
  doneDate: { name: 'done date', key: /^done[ _]date:/i, value: /^\d{10}(?:\d{2})?(?!\d)/ },
  stat: { name: 'stat', key: /^stat:/i, value: /^[A-Za-z]{7}(?![A-Za-z])/ },
  err: { name: 'err', key: /^err:/i, value: /^[0-9A-Za-z]{1,8}(?![0-9A-Za-z])/ },
} as const satisfies Record<string, Field>;

function invalid(message: string): DomainError {
  // The input itself is not quoted: its text field may carry the start of a one-time code.
  return new DomainError('DELIVERY_RECEIPT_INVALID', `not a delivery receipt: ${message}`);
}

/** "YYMMDDhhmm" or "YYMMDDhhmmss", as receipts write times. */
export function parseSmscTime(digits: string, name = 'time'): SmscLocalTime {
  if (!/^\d{10}(?:\d{2})?$/.test(digits)) throw invalid(`${name} is not YYMMDDhhmm`);
  const [yy, mm, dd, hh, mi, ss] = (digits.match(/\d\d/g) ?? []).map(Number);
  if (yy === undefined || mm === undefined || dd === undefined || hh === undefined || mi === undefined) {
    throw invalid(`${name} is not YYMMDDhhmm`);
  }
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || (ss !== undefined && ss > 59)) {
    throw invalid(`${name} is not a real time`);
  }
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = `${2000 + yy}-${two(mm)}-${two(dd)}T${two(hh)}:${two(mi)}${ss === undefined ? '' : `:${two(ss)}`}`;
  return time as SmscLocalTime;
}

function isReceiptStat(value: string): value is ReceiptStat {
  return (receiptStats as readonly string[]).includes(value);
}

/** Reads the receipt text of a deliver_sm; a clear DELIVERY_RECEIPT_INVALID for anything else. */
export function parseDeliveryReceipt(input: string): DeliveryReceipt {
  let rest = input.trimStart();
  const take = (field: Field): string => {
    const key = field.key.exec(rest);
    if (!key) throw invalid(`expected "${field.name}:"`);
    rest = rest.slice(key[0].length);
    const value = field.value.exec(rest);
    if (!value) throw invalid(`"${field.name}:" has no valid value`);
    rest = rest.slice(value[0].length).trimStart();
    return value[0];
  };
  const messageId = take(fields.id);
  const submitted = Number(take(fields.sub));
  const delivered = Number(take(fields.dlvrd));
  const submitDate = parseSmscTime(take(fields.submitDate), 'submit date');
  const doneDate = parseSmscTime(take(fields.doneDate), 'done date');
  const stat = take(fields.stat).toUpperCase();
  if (!isReceiptStat(stat)) throw invalid(`stat must be one of ${receiptStats.join(', ')}`);
  const error = take(fields.err);
  let text = '';
  if (rest.length > 0) {
    const key = /^text:/i.exec(rest);
    if (!key) throw invalid('unexpected content after "err:"');
    text = rest.slice(key[0].length);
  }
  return { messageId, submitted, delivered, submitDate, doneDate, stat, outcome: outcomeOf[stat], error, text };
}

/** The receipt text an SMSC would send; used by the simulator and in tests. */
export function formatDeliveryReceipt(receipt: Omit<DeliveryReceipt, 'outcome'>): string {
  const pad3 = (n: number): string => String(n).padStart(3, '0');
  const compact = (time: SmscLocalTime): string => time.replace(/[-T:]/g, '').slice(2);
  return `id:${receipt.messageId} sub:${pad3(receipt.submitted)} dlvrd:${pad3(receipt.delivered)} ` +
    `submit date:${compact(receipt.submitDate)} done date:${compact(receipt.doneDate)} ` +
    `stat:${receipt.stat} err:${receipt.error} text:${receipt.text}`;
}
