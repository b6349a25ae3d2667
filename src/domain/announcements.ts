// Announcements on the portal: a short notice in every customer language, shown on Baku calendar
// days from its first to its last (inclusive). All five texts are required: a customer must never
// meet a notice in a language they did not choose.
import { isIsoDate, type IsoDate } from './calendar.ts';
import { DomainError, type ErrorDetail } from './errors.ts';
import { locales, type Locale } from './money.ts';

export const ANNOUNCEMENT_MAX = 280;

export interface AnnouncementInput {
  readonly texts: Readonly<Record<Locale, string>>;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
}

/** Checks what staff typed (every language, one line each, days in order, not over already). */
export function parseAnnouncement(form: { texts: Partial<Record<string, string>>; startsOn: string; endsOn: string }, today: IsoDate): AnnouncementInput {
  const problems: ErrorDetail[] = [];
  const texts: Partial<Record<Locale, string>> = {};
  for (const locale of locales) {
    const text = (form.texts[locale] ?? '').replace(/[\s\p{Cc}]+/gu, ' ').trim();
    if (text === '') problems.push({ path: `/texts/${locale}`, message: 'the text in every language is required' });
    else if ([...text].length > ANNOUNCEMENT_MAX) problems.push({ path: `/texts/${locale}`, message: `at most ${ANNOUNCEMENT_MAX} characters` });
    texts[locale] = text;
  }
  const startsOn = form.startsOn.trim();
  const endsOn = form.endsOn.trim();
  if (!isIsoDate(startsOn)) problems.push({ path: '/startsOn', message: 'a day as YYYY-MM-DD (Baku)' });
  if (!isIsoDate(endsOn)) problems.push({ path: '/endsOn', message: 'a day as YYYY-MM-DD (Baku)' });
  else if (endsOn < today) problems.push({ path: '/endsOn', message: 'today or later' });
  if (isIsoDate(startsOn) && isIsoDate(endsOn) && endsOn < startsOn) problems.push({ path: '/endsOn', message: 'on or after the first day' });
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `the announcement is not valid: ${problems.map((p) => `${p.path ?? ''} ${p.message}`).join('; ')}`, problems);
  }
  return { texts: texts as Record<Locale, string>, startsOn: startsOn as IsoDate, endsOn: endsOn as IsoDate };
}
