// "Days left" is one number: the reminder SMS, the USSD first screen, the API countdown and the
// dashboard (here) and the staff console (test/stores/staff-console.db.test.ts) all show lifecycle's daysLeft for the same instant, and that
// number is the count of Baku calendar days from today through the last day of validity. The
// instants cluster around 20:00Z, which is Baku's midnight, where a channel that took the UTC day
// or counted "days until the end" would be off by one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, instantFromEpochMs, operatorDay, parseInstant, type Instant, type IsoDate } from '../src/domain/calendar.ts';
import { daysLeft, daysLeftAt, lastActiveInstant } from '../src/domain/lifecycle.ts';
import { locales, qepik, type Locale } from '../src/domain/money.ts';
import { trustedMsisdn } from '../src/domain/msisdn.ts';
import { milestoneFacts, milestoneSms } from '../src/domain/reminder-milestones.ts';
import { openUssd } from '../src/domain/ussd-menu.ts';
import { composeScreen } from '../src/domain/ussd-screen.ts';
import { ussdTexts } from '../src/domain/ussd-texts.ts';
import { viewLine } from '../src/services/line-view.ts';
import type { LineJson } from '../src/web/portal/api-types.ts';
import { translator } from '../src/web/portal/i18n.ts';
import { dashboardBody } from '../src/web/portal/pages/dashboard-page.ts';
import { policy } from './helpers/factories.ts';

const DAY_MS = 86_400_000;
const msisdn = trustedMsisdn('+994501234567');

/** The number in the reminder's "(N days left)", whatever the language writes around it. */
const reminderPatterns: Readonly<Record<Locale, RegExp>> = {
  en: /\((\d+) days? left\)/, az: /\((\d+) gün qalıb\)/, ru: /осталось дней: (\d+)\)/, zh: /剩 (\d+) 天/, tr: /\((\d+) gün kaldı\)/,
};

function reminderSays(validUntil: IsoDate, at: Instant, locale: Locale): number {
  const facts = milestoneFacts(validUntil, operatorDay(at), policy);
  const { text } = milestoneSms({ kind: 'reminder', days: 7 }, { msisdn, validUntil, language: locale }, facts);
  const found = reminderPatterns[locale].exec(text)?.[1];
  assert.ok(found !== undefined, `no days in ${text}`);
  return Number(found);
}

/** USSD shows the countdown from 7 days before the end: the screen must carry daysLeft's wording. */
function ussdShows(validUntil: IsoDate, at: Instant, locale: Locale, days: number): boolean {
  const line = { msisdn, iccid: '8999400000000001017', status: 'active' as const, balance: qepik(500), validUntil, planCode: null, language: locale };
  const screen = openUssd({ line, today: operatorDay(at), policy });
  return screen.text.split('\n').includes(composeScreen([ussdTexts[locale].daysLeft(days)], locale));
}

function apiCountdown(validUntil: IsoDate, at: Instant): LineJson {
  const line = { msisdn, iccid: '8999400000000001017', status: 'active' as const, balance: qepik(500), validUntil, planCode: null, language: 'en' as const };
  // What the route sends: the view as JSON.
  return JSON.parse(JSON.stringify(viewLine(line, operatorDay(at), policy))) as LineJson;
}

function dashboardSays(json: LineJson, locale: Locale): number {
  const ctx = { locale, t: translator(locale), url: new URL('http://saxla.test/dashboard'), signedIn: true, demoPhone: false, domain: 'saxla.test', sender: 'Saxla' };
  const found = /<span class="num">(\d+)<\/span> <span class="what">/.exec(dashboardBody(ctx, [json]).text)?.[1];
  assert.ok(found !== undefined, 'no count on the dashboard');
  return Number(found);
}

/** Independent of the calendar code: whole Baku days (UTC+4, no DST) from `at` to the end, rounded up. */
function oracle(validUntil: IsoDate, at: Instant): number {
  return Math.max(0, Math.ceil((lastActiveInstant(validUntil) + 1 - at) / DAY_MS));
}

describe('days left', () => {
  test('on 6 December (Baku) a line valid through 11 December has 6 days left on every channel', () => {
    const at = parseInstant('2026-12-06T12:00:00+04:00');
    const validUntil = '2026-12-11' as IsoDate;
    assert.equal(daysLeftAt(validUntil, at), 6);
    for (const locale of locales) {
      assert.equal(reminderSays(validUntil, at, locale), 6, `reminder ${locale}`);
      assert.ok(ussdShows(validUntil, at, locale, 6), `USSD ${locale}`);
      assert.equal(dashboardSays(apiCountdown(validUntil, at), locale), 6, `dashboard ${locale}`);
    }
    assert.equal(apiCountdown(validUntil, at).countdown.daysUntilOneWay, 6);
  });

  test('"valid until D" is active through 23:59:59.999 Baku on D: 1 day left then, 0 a millisecond later', () => {
    const validUntil = '2026-12-11' as IsoDate;
    const last = lastActiveInstant(validUntil);
    assert.equal(new Date(last).toISOString(), '2026-12-11T19:59:59.999Z');
    assert.equal(daysLeftAt(validUntil, last), 1);
    assert.equal(daysLeftAt(validUntil, instantFromEpochMs(last + 1)), 0);
    assert.equal(daysLeftAt(validUntil, parseInstant('2026-12-06T19:59:59.999Z')), 6);
    assert.equal(daysLeftAt(validUntil, parseInstant('2026-12-06T20:00:00Z')), 5, 'Baku midnight, still 6 December in UTC');
    assert.equal(daysLeft(validUntil, '2026-12-12' as IsoDate), 0);
    assert.equal(daysLeft(validUntil, '2027-01-12' as IsoDate), 0, 'never negative');
  });

  test('every channel shows the same number for the same instant, around Baku midnight', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 400 }), // which day
      fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }), // ms around 20:00Z
      fc.integer({ min: 0, max: 6 }), // last active day, days after today (USSD shows ≤ 7 left)
      fc.constantFrom(...locales),
      (dayIndex, offset, ahead, locale) => {
        const at = instantFromEpochMs(Date.UTC(2026, 10, 1, 20) + dayIndex * DAY_MS + offset);
        const validUntil = addDays(operatorDay(at), ahead);
        const expected = oracle(validUntil, at);
        assert.equal(expected, ahead + 1);
        assert.equal(daysLeftAt(validUntil, at), expected);
        assert.equal(reminderSays(validUntil, at, locale), expected, 'reminder SMS');
        assert.ok(ussdShows(validUntil, at, locale, expected), 'USSD');
        const json = apiCountdown(validUntil, at);
        assert.equal(json.countdown.daysUntilOneWay, expected, 'API countdown');
        assert.equal(dashboardSays(json, locale), expected, 'dashboard');
      },
    ), { numRuns: 300 });
  });

  test('daysLeft against the instant oracle for any line and instant (past ends included)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 800 }), fc.integer({ min: -4 * 3_600_000, max: 4 * 3_600_000 }), fc.integer({ min: -60, max: 400 }),
      (dayIndex, offset, ahead) => {
        const at = instantFromEpochMs(Date.UTC(2026, 0, 1, 20) + dayIndex * DAY_MS + offset);
        const validUntil = addDays('2026-01-01' as IsoDate, dayIndex + ahead);
        assert.equal(daysLeftAt(validUntil, at), oracle(validUntil, at));
      },
    ));
  });
});
