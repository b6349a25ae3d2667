// A line's statement: which days it covers, and the balance after each entry. Pure: the caller
// passes today and the rows; the database only finds them.
import { addDays, daysBetween, parseIsoDate, type IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { addQepik, type Locale, type Qepik } from './money.ts';
import { fillText, statementTexts } from './statement-texts.ts';

/** Without from/to a statement covers the last 90 days, today included. */
export const DEFAULT_STATEMENT_DAYS = 90;
/** One leap year, so "this day last year to today" always fits. */
export const MAX_STATEMENT_DAYS = 366;

export interface StatementPeriod {
  readonly from: IsoDate;
  /** Inclusive: the statement runs to the end of this day in Asia/Baku. */
  readonly to: IsoDate;
}

function dayOrRefuse(text: string, name: 'from' | 'to'): IsoDate {
  try {
    return parseIsoDate(text);
  } catch {
    throw new DomainError('INVALID_PERIOD', `${name} must be a calendar day YYYY-MM-DD, got "${text}"`, [{ path: `querystring/${name}`, code: 'INVALID_DATE', message: `${name} is not a calendar day` }]);
  }
}

/** The period asked for, with the defaults filled in; a reversed or over-long period is refused. */
export function resolveStatementPeriod(asked: { readonly from?: string | undefined; readonly to?: string | undefined }, today: IsoDate): StatementPeriod {
  const to = asked.to === undefined ? (asked.from === undefined ? today : laterDefaultEnd(dayOrRefuse(asked.from, 'from'), today)) : dayOrRefuse(asked.to, 'to');
  const from = asked.from === undefined ? addDays(to, 1 - DEFAULT_STATEMENT_DAYS) : dayOrRefuse(asked.from, 'from');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new DomainError('INVALID_PERIOD', `from (${from}) is after to (${to})`);
  if (days > MAX_STATEMENT_DAYS) throw new DomainError('INVALID_PERIOD', `a statement covers at most ${MAX_STATEMENT_DAYS} days; this asks for ${days}`);
  return { from, to };
}

// Only `from` given: up to today, but never past the longest period, so "from last year" works.
function laterDefaultEnd(from: IsoDate, today: IsoDate): IsoDate {
  const longest = addDays(from, MAX_STATEMENT_DAYS - 1);
  return today < from ? from : today < longest ? today : longest;
}

export interface LedgerRow {
  readonly amount: Qepik;
}

/** Each row with the balance after it, starting from the opening balance; and the closing one. */
export function runBalances<R extends LedgerRow>(opening: Qepik, rows: readonly R[]): { rows: (R & { balanceAfter: Qepik })[]; closing: Qepik } {
  let balance = opening;
  const out = rows.map((row) => {
    balance = addQepik(balance, row.amount);
    return { ...row, balanceAfter: balance };
  });
  return { rows: out, closing: balance };
}

/** What a ledger entry was, as data stored with it (ledger_entries.details), so each language can say it. */
export interface LedgerEntryDetails {
  readonly planCode?: string;
  readonly months?: number;
  /** Days of validity a top-up bought. */
  readonly days?: number;
  /** The payment it records, `provider:id` (`sandbox:sbx_…`, `pos:…`). */
  readonly payment?: string;
  /** What a refund entry takes back. */
  readonly reverses?: 'plan_charge' | 'payment' | 'top_up';
  /** A balance transfer's other line (E.164): where the money went, or where it came from. */
  readonly counterpart?: string;
}

const reversible = ['plan_charge', 'payment', 'top_up'] as const;

/** The details column as stored; anything unexpected in it is left out rather than trusted. */
export function readEntryDetails(stored: unknown): LedgerEntryDetails {
  if (typeof stored !== 'object' || stored === null) return {};
  const d = stored as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
  const reverses = reversible.find((r) => r === d.reverses);
  const planCode = text(d.planCode);
  const months = count(d.months);
  const days = count(d.days);
  const payment = text(d.payment);
  const counterpart = typeof d.counterpart === 'string' && /^\+994\d{9}$/.test(d.counterpart) ? d.counterpart : undefined;
  return {
    ...(counterpart === undefined ? {} : { counterpart }),
    ...(planCode === undefined ? {} : { planCode }), ...(months === undefined ? {} : { months }), ...(days === undefined ? {} : { days }),
    ...(payment === undefined ? {} : { payment }), ...(reverses === undefined ? {} : { reverses }),
  };
}

/**
 * Entries written before details were stored (migration 0020) carry their facts only in the text
 * Saxla itself wrote, in fixed English patterns; this reads those patterns back, nothing else.
 */
export function legacyEntryDetails(kind: string, note: string): LedgerEntryDetails {
  const plan = /^(\S+) × (\d+) months?$/.exec(note);
  if (kind === 'plan_charge' && plan) return { planCode: plan[1] ?? '', months: Number(plan[2]) };
  const days = /^top-up, (\d+) days$/.exec(note);
  if (kind === 'top_up' && days) return { days: Number(days[1]) };
  const payment = /^payment (\S+:\S+)$/.exec(note);
  if (kind === 'payment' && payment) return { payment: payment[1] ?? '' };
  if (kind === 'refund') {
    if (note.startsWith('plan charge reversed')) return { reverses: 'plan_charge' };
    if (note.startsWith('payment returned')) return { reverses: 'payment' };
    if (note.startsWith('top-up refunded')) return { reverses: 'top_up' };
  }
  return {};
}

/** What a statement needs to tell one entry in words: the entry, its operation, and names looked up. */
export interface EntryFacts {
  readonly kind: string;
  /** ledger_operations.kind: `top_up` (operator or partner), `top_up_payment`, `renewal_payment`, `refund`… */
  readonly operation: string;
  readonly details: LedgerEntryDetails;
  /** The provider that took the money (`sandbox`, `stripe`, `paypal`, `pos`, `qr`), when there was one. */
  readonly provider: string | null;
  /** The plan's name in the statement's language (never its code), when the entry names a plan. */
  readonly planName: string | null;
  /** The store's name in the statement's language, for sales at a counter. */
  readonly storeName: string | null;
}

/** A plan's name in one language from its stored texts ({az: {name, description}, …}); null when absent. */
export function planNameIn(texts: unknown, locale: Locale): string | null {
  if (typeof texts !== 'object' || texts === null) return null;
  const entry: unknown = (texts as Record<string, unknown>)[locale];
  const name: unknown = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name !== '' ? name : null;
}

/** `sandbox:sbx_1` → `sandbox`; a reference that names no provider → null. */
export function providerOfReference(reference: string | null | undefined): string | null {
  const m = reference ? /^([a-z]+):./.exec(reference) : null;
  return m?.[1] ?? null;
}

const cardProviders = new Set(['sandbox', 'stripe']);

/** The plain description of an entry, in one language, from its facts (never from stored English). */
export function describeEntry(facts: EntryFacts, locale: Locale): string {
  const t = statementTexts[locale];
  const d = t.descriptions;
  const store = facts.storeName ?? '';
  const provider = facts.provider;
  switch (facts.kind) {
    case 'opening_balance': return d.opening;
    case 'top_up':
      if (provider === 'pos' || provider === 'qr') return fillText(d.topUpStore, { store });
      if (provider === 'paypal') return d.topUpPaypal;
      if (provider !== null && cardProviders.has(provider)) return d.topUpCard;
      return d.topUp;
    case 'payment':
      if (provider === 'pos') return fillText(d.payStoreCard, { store });
      if (provider === 'qr') return fillText(d.payStoreQr, { store });
      if (provider === 'paypal') return d.payPaypal;
      if (provider !== null && cardProviders.has(provider)) return d.payCard;
      return d.payment;
    case 'plan_charge': {
      const plan = facts.planName ?? facts.details.planCode ?? '';
      const months = facts.details.months;
      return months === undefined ? fillText(d.renewal, { plan }).replace(/ × \{months\}$/, '') : fillText(d.renewal, { plan, months: t.months(months) });
    }
    case 'restore_fee': return d.restoreFee;
    case 'refund':
      if (facts.details.reverses === 'plan_charge') return d.refundRenewal;
      if (facts.details.reverses === 'payment') return d.refundPayment;
      if (facts.details.reverses === 'top_up') return d.refundTopUp;
      return d.refund;
    case 'usage': return d.usage;
    case 'transfer_out': return fillText(d.transferOut, { msisdn: facts.details.counterpart ?? '' });
    case 'transfer_in': return fillText(d.transferIn, { msisdn: facts.details.counterpart ?? '' });
    default: return d.adjustment;
  }
}
