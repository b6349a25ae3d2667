// The operator's stores file (`saxla import-stores FILE.csv`): one store a line, checked whole so
// every problem is reported at once, each naming its file line and column ("line 4, hours: …",
// the line also as `row`). docs/importing.md
// describes the columns; docs/examples/stores.csv is the demo's own file.
import { parse } from 'csv-parse/sync';
import { parseIsoDate, type IsoDate } from './calendar.ts';
import { DomainError, isDomainError, type ErrorDetail } from './errors.ts';
import { parsePhoneNumber } from './phone-number.ts';
import { parseHoursText } from './store-hours-text.ts';
import { storeLanguages, type Store, type StoreLanguage, type StoreTexts } from './store-schedule.ts';
import { appointmentPurposes } from './vocabularies.ts';

export interface StoreImportRow {
  /** The file line the store ends on (1 is the header). */
  readonly line: number;
  readonly store: Store;
  /** false: hidden from the locator and booking, kept for receipts and staff. */
  readonly active: boolean;
}

/** What a visit can be for: the appointment purposes, one vocabulary. */
export const storeServices = appointmentPurposes;
const slotLengths = [10, 15, 20, 30, 60];

type TextColumn = 'name' | 'address' | `${'name' | 'address'}_${StoreLanguage}`;
type Column = TextColumn | 'id' | 'code' | 'city' | 'phone' | 'lat' | 'lng' | 'hours' | 'counters' | 'slot_minutes' | 'services' | 'holidays' | 'active';
// The per-language columns come from storeLanguages: name_az, name_en, name_ru …
const textColumns = (base: 'name' | 'address'): TextColumn[] => [base, ...storeLanguages.map((l) => `${base}_${l}` as const)];
const columns: readonly Column[] = [
  'id', 'code', ...textColumns('name'), 'city', ...textColumns('address'),
  'phone', 'lat', 'lng', 'hours', 'counters', 'slot_minutes', 'services', 'holidays', 'active',
];
const aliases: Readonly<Record<string, Column>> = { latitude: 'lat', lon: 'lng', longitude: 'lng', desks: 'counters', holiday: 'holidays' };
const required: readonly Column[] = ['id', 'code', 'city', 'phone', 'lat', 'lng', 'hours', 'counters'];

function csvInvalid(problems: readonly ErrorDetail[]): DomainError {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new DomainError('CSV_INVALID', `${problems[0]?.message ?? 'the stores file is not valid'}${more}`, problems);
}

function readHeader(record: readonly string[]): Column[] {
  const problems: ErrorDetail[] = [];
  const found = record.map((name, i) => {
    const key = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
    const column = (columns as readonly string[]).includes(key) ? (key as Column) : aliases[key];
    if (!column) problems.push({ row: 1, message: `line 1: unknown column "${name}" (column ${i + 1}); expected ${columns.join(', ')}` });
    return column ?? 'id';
  });
  for (const c of required) {
    if (!found.includes(c)) problems.push({ row: 1, message: `line 1: the header has no "${c}" column` });
  }
  for (const text of ['name', 'address'] as const) {
    const missing = storeLanguages.filter((l) => !found.includes(`${text}_${l}`));
    if (!found.includes(text) && missing.length > 0) {
      problems.push({ row: 1, message: `line 1: the header needs "${text}" (every language) or ${missing.map((l) => `"${text}_${l}"`).join(', ')}` });
    }
  }
  if (new Set(found).size !== found.length) problems.push({ row: 1, message: 'line 1: a column is named twice' });
  if (problems.length > 0) throw csvInvalid(problems);
  return found;
}

/** A check of one cell: the value, or a thrown DomainError whose message is the complaint. */
function oneLine(text: string, max: number): string {
  if (text === '' || [...text].length > max || /\p{Cc}/u.test(text)) {
    throw new DomainError('VALIDATION_FAILED', `a non-empty single line of at most ${max} characters`);
  }
  return text;
}

function matching(text: string, pattern: RegExp, what: string): string {
  if (!pattern.test(text)) throw new DomainError('VALIDATION_FAILED', `"${text}" is not ${what}`);
  return text;
}

function decimal(text: string, limit: number): number {
  const value = Number(matching(text, /^-?\d{1,3}(\.\d{1,10})?$/, 'a decimal degree such as 40.3797'));
  if (Math.abs(value) > limit) throw new DomainError('VALIDATION_FAILED', `${text} is beyond ±${limit}`);
  return value;
}

function wholeIn(text: string, allowed: (n: number) => boolean, what: string): number {
  const value = Number(matching(text, /^\d{1,3}$/, what));
  if (!allowed(value)) throw new DomainError('VALIDATION_FAILED', `${text} is not ${what}`);
  return value;
}

function words(text: string): string[] {
  return text.split(/[\s;]+/).filter((w) => w !== '');
}

function services(text: string): string[] {
  if (text === '') return [...storeServices];
  const list = words(text.toLowerCase());
  for (const s of list) {
    if (!(storeServices as readonly string[]).includes(s)) throw new DomainError('VALIDATION_FAILED', `"${s}" is not one of ${storeServices.join(', ')}`);
  }
  return [...new Set(list)];
}

function holidays(text: string): IsoDate[] {
  return [...new Set(words(text).map(parseIsoDate))].sort();
}

function yesNo(text: string): boolean {
  const t = text.toLowerCase();
  if (t === '' || t === 'yes' || t === 'true' || t === '1') return true;
  if (t === 'no' || t === 'false' || t === '0') return false;
  throw new DomainError('VALIDATION_FAILED', `"${text}" is not yes or no`);
}

/** One data line: each cell checked on its own, so one line can report several problems. */
function readRow(header: readonly Column[], record: readonly string[], line: number, demo: boolean, problems: ErrorDetail[]): StoreImportRow | null {
  const before = problems.length;
  const cell = (c: Column): string => {
    const i = header.indexOf(c);
    return i < 0 ? '' : (record[i] ?? '').trim();
  };
  function check<T>(column: string, read: () => T, fallback: T): T {
    try {
      return read();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      problems.push({ row: line, message: `line ${line}, ${column}: ${error.message}` });
      return fallback;
    }
  }
  const texts = (base: 'name' | 'address', max: number): StoreTexts => {
    const read = (l: StoreLanguage): string => check(`${base}_${l}`, () => oneLine(cell(`${base}_${l}`) || cell(base), max), '');
    return Object.fromEntries(storeLanguages.map((l) => [l, read(l)])) as Record<StoreLanguage, string>;
  };
  const store: Store = {
    id: check('id', () => matching(cell('id'), /^[a-z0-9-]{2,40}$/, 'an id of 2 to 40 characters a–z, 0–9 and -'), ''),
    code: check('code', () => matching(cell('code').toUpperCase(), /^[A-Z0-9]{2,6}$/, 'a receipt code of 2 to 6 letters A–Z and digits'), ''),
    names: texts('name', 60),
    addresses: texts('address', 160),
    city: check('city', () => oneLine(cell('city'), 60), ''),
    phone: check('phone', () => parsePhoneNumber(cell('phone')), null),
    lat: check('lat', () => decimal(cell('lat'), 90), 0),
    lng: check('lng', () => decimal(cell('lng'), 180), 0),
    schedule: {
      hours: check('hours', () => parseHoursText(cell('hours')), {}),
      holidays: check('holidays', () => holidays(cell('holidays')), []),
      counters: check('counters', () => wholeIn(cell('counters'), (n) => n >= 1 && n <= 50, 'a number of counters from 1 to 50'), 1),
      slotMinutes: check('slot_minutes', () => (cell('slot_minutes') === '' ? 30
        : wholeIn(cell('slot_minutes'), (n) => slotLengths.includes(n), `a slot length in minutes (${slotLengths.join(', ')})`)), 30),
    },
    services: check('services', () => services(cell('services')), []),
    demo,
  };
  const active = check('active', () => yesNo(cell('active')), true);
  return problems.length === before ? { line, store, active } : null;
}

function refuseDuplicates(rows: readonly StoreImportRow[], key: 'id' | 'code', problems: ErrorDetail[]): void {
  const first = new Map<string, number>();
  for (const { line, store } of rows) {
    const earlier = first.get(store[key]);
    if (earlier !== undefined) problems.push({ row: line, message: `line ${line}, ${key}: ${store[key]} is also on line ${earlier}` });
    else first.set(store[key], line);
  }
}

/**
 * Parses and checks a whole stores file; any problem refuses all of it (CSV_INVALID, one detail a
 * problem with its line). `demo` marks the stores as the demo's own.
 */
export function parseStoresCsv(text: string, options: { readonly demo: boolean }): StoreImportRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, comment: '#', comment_no_infix: true, relax_column_count: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new DomainError('CSV_INVALID', `the CSV cannot be read: ${(error as Error).message}`);
  }
  const [head, ...data] = records;
  if (!head) throw new DomainError('CSV_INVALID', 'the CSV is empty');
  const header = readHeader(head.record);
  if (data.length === 0) throw new DomainError('CSV_INVALID', 'the CSV has a header but no stores');
  const problems: ErrorDetail[] = [];
  const rows = data.flatMap(({ record, info }) => readRow(header, record, info.lines, options.demo, problems) ?? []);
  refuseDuplicates(rows, 'id', problems);
  refuseDuplicates(rows, 'code', problems);
  if (problems.length > 0) throw csvInvalid(problems);
  return rows;
}
