// Opening hours as an operator writes them in one spreadsheet cell:
//   "mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00"
// Groups are separated by ";", each a day, a range (mon-fri) or a comma list (mon,wed,fri-sat),
// then one or more HH:MM-HH:MM periods (or "closed"). A day not named is closed. The result goes
// through parseWeeklyHours, the same check the database's hours pass.
import { DomainError } from './errors.ts';
import { parseWeeklyHours, weekdays, type Weekday, type WeeklyHours } from './store-schedule.ts';

function isWeekday(text: string): text is Weekday {
  return (weekdays as readonly string[]).includes(text);
}

function refuse(message: string): never {
  throw new DomainError('VALIDATION_FAILED', message);
}

function readDays(text: string): Weekday[] {
  const days: Weekday[] = [];
  for (const part of text.split(',')) {
    const [from = '', to = from, extra] = part.split('-');
    if (extra !== undefined || !isWeekday(from) || !isWeekday(to)) {
      refuse(`"${part}" is not a day or a range of days (mon, tue, wed, thu, fri, sat, sun; mon-fri)`);
    }
    const start = weekdays.indexOf(from);
    const end = weekdays.indexOf(to);
    if (end < start) refuse(`"${part}" runs backwards; write the days from Monday on (a range does not wrap past Sunday)`);
    days.push(...weekdays.slice(start, end + 1));
  }
  return days;
}

function readPeriod(text: string): [string, string] {
  const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(text);
  if (!match) refuse(`"${text}" is not a period HH:MM-HH:MM`);
  // "9:00" is how many people write it; the schedule wants "09:00".
  const pad = (t: string | undefined): string => (t ?? '').padStart(5, '0');
  return [pad(match[1]), pad(match[2])];
}

/** Reads the compact form; throws VALIDATION_FAILED with a message a person can act on. */
export function parseHoursText(text: string): WeeklyHours {
  const doc: Partial<Record<Weekday, [string, string][]>> = {};
  const groups = text.toLowerCase().split(';').map((g) => g.trim()).filter((g) => g !== '');
  if (groups.length === 0) refuse('no opening hours; write them like "mon-fri 09:00-18:00; sat 10:00-14:00"');
  for (const group of groups) {
    const [dayText = '', ...periodTexts] = group.split(/\s+/);
    if (periodTexts.length === 0) refuse(`"${group}" names days but no hours (HH:MM-HH:MM, or "closed")`);
    const closed = periodTexts.length === 1 && periodTexts[0] === 'closed';
    const periods = closed ? [] : periodTexts.map(readPeriod);
    for (const day of readDays(dayText)) {
      if (doc[day] !== undefined) refuse(`${day} is given twice`);
      doc[day] = periods;
    }
  }
  if (Object.values(doc).every((p) => p.length === 0)) refuse('the store is closed every day');
  try {
    return parseWeeklyHours(doc);
  } catch (error) {
    if (error instanceof DomainError) {
      const detail = error.details[0];
      const day = detail?.path?.split('/')[1] ?? '';
      refuse(`${day}: ${detail?.message ?? error.message}`);
    }
    throw error;
  }
}

/** The compact form of hours, as the example file and the docs write it (mon-fri grouped). */
export function formatHoursText(hours: WeeklyHours): string {
  const key = (day: Weekday): string => (hours[day] ?? []).map(([open, close]) => `${open}-${close}`).join(' ');
  const groups: string[] = [];
  let i = 0;
  while (i < weekdays.length) {
    const first = weekdays[i] ?? 'mon';
    let j = i;
    while (j + 1 < weekdays.length && key(weekdays[j + 1] ?? 'mon') === key(first)) j += 1;
    const last = weekdays[j] ?? first;
    if (key(first) !== '') groups.push(`${first === last ? first : `${first}-${last}`} ${key(first)}`);
    i = j + 1;
  }
  return groups.join('; ');
}
