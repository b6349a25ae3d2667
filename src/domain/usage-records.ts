// A batch of usage records from the operator's mediation, checked whole before anything is
// applied: the first bad record is named by its index and reason, so the operator resends the
// batch fixed and no half of it is ever rated.
import { operatorDay, readIsoInstant, type Instant, type IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { parseMsisdn, type Msisdn } from './msisdn.ts';
import { unitOfKind } from './usage-rating.ts';
import { isOneOf, usageKinds, usageUnits, type UsageKind, type UsageUnit } from './vocabularies.ts';

export const MAX_USAGE_BATCH = 10_000;
/** A day of calls or a terabyte in one record is a mediation fault, not usage. */
export const MAX_USAGE_QUANTITY = 1_000_000_000;
/** Mediation clocks drift; a record further ahead than this is refused as a fault. */
export const USAGE_CLOCK_TOLERANCE_MS = 5 * 60_000;
const SOURCE_ID_PATTERN = /^[\x21-\x7e]{1,100}$/;
const recordKeys = ['sourceId', 'msisdn', 'kind', 'quantity', 'unit', 'occurredAt', 'destination'];

export interface UsageRecord {
  readonly index: number;
  readonly sourceId: string;
  readonly msisdn: Msisdn;
  readonly kind: UsageKind;
  readonly unit: UsageUnit;
  readonly quantity: number;
  readonly occurredAt: Instant;
  /** The Baku day it happened: the period it counts in. */
  readonly day: IsoDate;
  readonly destination: string | null;
}

function refuse(index: number, field: string, reason: string): never {
  throw new DomainError('USAGE_INVALID', `record ${index} is not valid: ${field} ${reason}; nothing of this batch was applied`, [
    { index, path: `/${index}${field === 'record' ? '' : `/${field}`}`, message: `record ${index}: ${field} ${reason}` },
  ]);
}

// A batch names few lines and few quarter-hours many times over: parse each once. Every time
// zone's offsets change on quarter-hour boundaries, so one Baku day holds a whole quarter-hour.
interface BatchCache {
  readonly numbers: Map<string, Msisdn | null>;
  readonly days: Map<number, IsoDate>;
}

// Mediation sends E.164; libphonenumber's full parse is for the other forms. A well-formed
// +994 number that is not a mobile line is refused later, as a number that is not a Saxla line.
const E164_AZ = /^\+994\d{9}$/;

function numberOf(cache: BatchCache, text: string): Msisdn | null {
  if (E164_AZ.test(text)) return text as Msisdn;
  let number = cache.numbers.get(text);
  if (number === undefined) {
    try {
      number = parseMsisdn(text);
    } catch {
      number = null;
    }
    cache.numbers.set(text, number);
  }
  return number;
}

function dayOf(cache: BatchCache, at: Instant): IsoDate {
  const quarter = Math.floor(at / 900_000);
  let day = cache.days.get(quarter);
  if (day === undefined) {
    day = operatorDay(at);
    cache.days.set(quarter, day);
  }
  return day;
}

function readRecord(item: unknown, index: number, now: Instant, cache: BatchCache): UsageRecord {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) refuse(index, 'record', 'must be an object');
  const r = item as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!recordKeys.includes(key)) refuse(index, key, 'is not a known field');
  const { sourceId, msisdn, kind, quantity, unit, occurredAt, destination } = r;
  if (typeof sourceId !== 'string' || !SOURCE_ID_PATTERN.test(sourceId)) refuse(index, 'sourceId', 'must be 1–100 visible ASCII characters');
  if (typeof msisdn !== 'string') refuse(index, 'msisdn', 'must be a phone number');
  const number = numberOf(cache, msisdn);
  if (number === null) refuse(index, 'msisdn', `"${msisdn.slice(0, 32)}" is not an Azerbaijani mobile number`);
  if (!isOneOf(usageKinds, kind)) refuse(index, 'kind', `must be one of ${usageKinds.join(', ')}`);
  if (!isOneOf(usageUnits, unit) || unit !== unitOfKind[kind]) refuse(index, 'unit', `must be "${unitOfKind[kind]}" for ${kind}`);
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 0 || quantity > MAX_USAGE_QUANTITY) {
    refuse(index, 'quantity', `must be a whole number from 0 to ${MAX_USAGE_QUANTITY}`);
  }
  // With an offset (Z or ±hh:mm), so a time is never read in the server's zone.
  const at = typeof occurredAt === 'string' ? readIsoInstant(occurredAt) : null;
  if (at === null) refuse(index, 'occurredAt', 'must be an ISO-8601 time with an offset');
  if (at > now + USAGE_CLOCK_TOLERANCE_MS) refuse(index, 'occurredAt', 'is in the future');
  if (destination !== undefined && destination !== null && (typeof destination !== 'string' || destination.length > 64 || /\p{Cc}/u.test(destination))) {
    refuse(index, 'destination', 'must be a single line of at most 64 characters');
  }
  return {
    index, sourceId, msisdn: number, kind, unit, quantity, occurredAt: at, day: dayOf(cache, at),
    destination: typeof destination === 'string' && destination.length > 0 ? destination : null,
  };
}

/** Every record checked, or a USAGE_INVALID error naming the first bad one. */
export function readUsageBatch(items: unknown, now: Instant): UsageRecord[] {
  if (!Array.isArray(items)) throw new DomainError('USAGE_INVALID', 'send a JSON array of usage records');
  if (items.length > MAX_USAGE_BATCH) {
    throw new DomainError('USAGE_INVALID', `a batch holds at most ${MAX_USAGE_BATCH} records; this one has ${items.length}`);
  }
  const cache: BatchCache = { numbers: new Map(), days: new Map() };
  return items.map((item: unknown, index) => readRecord(item, index, now, cache));
}
