import type { PackLeft } from './usage-rating.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPlans, demoPromotions } from '../demo/catalog.ts';
import { policy } from '../../test/helpers/factories.ts';
import { addDays, parseInstant, type IsoDate } from './calendar.ts';
import type { Plan } from './catalog.ts';
import type { LineStatus } from './lifecycle.ts';
import { locales, qepik, type Locale } from './money.ts';
import type { Msisdn } from './msisdn.ts';
import { priceOrder } from './pricing.ts';
import { isGsmText } from './sms-encoding.ts';
import {
  answerUssdInput, initialUssdState, languageSet, openUssd, renderUssd, renewalDone,
  type UssdContext, type UssdScreen, type UssdSessionState,
} from './ussd-menu.ts';
import { measureScreen } from './ussd-screen.ts';
import { languageScripts } from './vocabularies.ts';

const today = '2026-11-26' as IsoDate;
const now = parseInstant('2026-11-26T10:00:00+04:00');
const msisdn = '+994501234567' as Msisdn;

/** Validity end offsets that put a line in every stage (demo policy: 30 one-way, 60 suspended, 90 quarantine). */
const stages: readonly { readonly name: string; readonly offset: number; readonly status: LineStatus }[] = [
  { name: 'active', offset: 45, status: 'active' },
  { name: 'active, ending soon', offset: 3, status: 'active' },
  { name: 'active, last day', offset: 0, status: 'active' },
  { name: 'one-way', offset: -10, status: 'one_way' },
  { name: 'suspended', offset: -50, status: 'suspended' },
  { name: 'quarantine', offset: -120, status: 'quarantine' },
  { name: 'recyclable', offset: -200, status: 'recyclable' },
];

function context(language: Locale, offset: number, balance: number, plans: readonly Plan[] = demoPlans): UssdContext {
  return {
    line: { msisdn, iccid: '8999400000000001017', status: 'active', balance: qepik(balance), validUntil: addDays(today, offset), planCode: null, language },
    today, policy, now, plans, promotions: demoPromotions,
    topUps: Array.from({ length: 5 }, (_, i) => ({ day: addDays(today, -i * 30), amount: qepik(i === 0 ? 123456 : 500) })),
  };
}

function assertFits(screen: UssdScreen, where: string): void {
  const size = measureScreen(screen.text);
  assert.ok(size.units <= size.limit, `${where}: ${size.units}/${size.limit} ${size.encoding}\n${screen.text}`);
  assert.ok(screen.text.length > 0, `${where}: empty screen`);
}

/** Every state reachable from the first screen by the inputs a customer can type, breadth first. */
function walk(ctx: UssdContext, visit: (screen: UssdScreen, path: string) => void): number {
  const inputs = ['1', '2', '3', '4', '5', '6', '7', '9', '0', '00', 'x'];
  const seen = new Set<string>();
  let frontier: { state: UssdSessionState; path: string }[] = [{ state: initialUssdState, path: '' }];
  visit(openUssd(ctx), '(dial)');
  for (let depth = 0; depth < 7 && frontier.length > 0; depth += 1) {
    const next: typeof frontier = [];
    for (const { state, path } of frontier) {
      for (const input of inputs) {
        const step = answerUssdInput(state, input, ctx);
        const here = `${path}*${input}`;
        visit(step.screen, here);
        if (step.effect?.kind === 'renew') {
          visit(renewalDone(step.effect, { validUntil: step.effect.validUntilAfter, balance: qepik(ctx.line.balance - step.effect.price) }, ctx).screen, `${here} (renewed)`);
        }
        if (step.effect?.kind === 'set_language') {
          visit(languageSet({ ...ctx, line: { ...ctx.line, language: step.effect.language } }).screen, `${here} (language)`);
        }
        const key = JSON.stringify(step.state.current);
        if (!seen.has(key)) {
          seen.add(key);
          next.push({ state: step.state, path: here });
        }
      }
    }
    frontier = next;
  }
  return seen.size;
}

describe('USSD menu: every reachable screen fits', () => {
  for (const language of locales) {
    for (const stage of stages) {
      for (const balance of [0, 2500, 123456]) {
        test(`${language}, ${stage.name}, balance ${balance}`, () => {
          const ctx = context(language, stage.offset, balance);
          const states = walk(ctx, (screen, path) => {
            assertFits(screen, `${language} ${stage.name} ${path}`);
            // The fallback cut ("..") must never be needed with the real catalog.
            assert.ok(!screen.text.endsWith('..'), `${language} ${stage.name} ${path} was cut:\n${screen.text}`);
            if (languageScripts[language] === 'latin') assert.ok(isGsmText(screen.text) || path.includes('*4'), `${path} is not GSM 7-bit:\n${screen.text}`);
          });
          assert.ok(states >= 1);
        });
      }
    }
  }

  test('a worst-case catalog (longest names and descriptions) still never overflows', () => {
    const long: Plan[] = demoPlans.map((p, i) => ({
      ...p,
      code: `P${i}`,
      monthlyPrice: qepik(99999),
      texts: {
        az: { name: 'Ə'.repeat(20), description: 'ş'.repeat(80) },
        en: { name: 'W'.repeat(20), description: 'W'.repeat(80) },
        ru: { name: 'Ж'.repeat(20), description: 'Ж'.repeat(80) },
        zh: { name: '流'.repeat(20), description: '流'.repeat(80) },
        tr: { name: 'İ'.repeat(20), description: 'ğ'.repeat(80) },
      },
    }));
    for (const language of locales) walk(context(language, 3, 9_999_999, long), (screen, path) => assertFits(screen, `${language} ${path}`));
  });
});

describe('USSD menu: the first screen', () => {
  test('shows balance, validity end and stage at once, with the menu below', () => {
    const en = openUssd(context('en', 45, 320));
    assert.equal(en.end, false);
    assert.equal(en.text, 'Balance 3.20 AZN\nActive until 10.01.2027\n1 Renew from balance\n2 Plans and prices\n3 Last top-ups\n4 Language');
    const az = openUssd(context('az', 45, 320));
    assert.ok(isGsmText(az.text), 'Azerbaijani is transliterated to keep the 182-character screen');
    assert.match(az.text, /^Balans 3\.20 AZN\n10\.01\.2027 tarixinedek aktiv\n1 Balansdan yenile/);
    const tr = openUssd(context('tr', 45, 320));
    assert.ok(isGsmText(tr.text), 'Turkish is transliterated like Azerbaijani (ş, ı, ğ are not GSM)');
    assert.equal(tr.text, 'Bakiye 3.20 AZN\n10.01.2027 tarihine kadar aktif\n1 Bakiyeden uzat\n2 Tarifeler ve fiyatlar\n3 Son yüklemeler\n4 Dil');
  });

  test('the countdown shows when it matters, in every language', () => {
    assert.match(openUssd(context('en', 3, 320)).text, /Active until 29.11.2026\n4 days left/, 'today and the 3 days after');
    assert.doesNotMatch(openUssd(context('en', 45, 320)).text, /days left/);
    assert.match(openUssd(context('en', -10, 0)).text, /incoming calls only\nRenew now: number can be lost in 171 days/);
    assert.match(openUssd(context('ru', -10, 0)).text, /До потери номера 171 дн/);
    assert.match(openUssd(context('zh', -50, 0)).text, /131 天后号码可能收回/);
    assert.match(openUssd(context('tr', -10, 0)).text, /Hemen uzatin: numara 171 gün sonra kaybedilebilir/);
  });

  test('a quarantined or released line gets END with what it can still do', () => {
    const q = openUssd(context('en', -120, 0));
    assert.equal(q.end, true);
    assert.match(q.text, /Restore it at a Saxla store with your ID within 61 days/);
    const r = openUssd(context('en', -200, 0));
    assert.equal(r.end, true);
    assert.match(r.text, /released/);
    assert.equal(answerUssdInput(initialUssdState, '1', context('en', -120, 0)).screen.end, true, 'typing on does not open menus');
  });
});

function run(ctx: UssdContext, inputs: readonly string[]): ReturnType<typeof answerUssdInput> {
  let step = { state: initialUssdState, screen: openUssd(ctx) } as ReturnType<typeof answerUssdInput>;
  for (const input of inputs) step = answerUssdInput(step.state, input, ctx);
  return step;
}

describe('USSD menu: renewal from balance', () => {
  test('plan → months → confirm shows the exact price from priceOrder and the new end; 1 asks for the renewal', () => {
    const ctx = context('en', 45, 5000);
    const confirm = run(ctx, ['1', '1', '3']);
    const priced = priceOrder({ items: [{ msisdn, plan: demoPlans[0] as Plan, months: 6, currentValidUntil: ctx.line.validUntil }], promotions: demoPromotions, now, today, locale: 'en' });
    assert.ok(priced.ok);
    assert.equal(priced.total, 810, '6 months of 1.50 with the 10 % multi-month discount');
    assert.equal(confirm.screen.text, 'Keep My Number, 6 months\nPrice 8.10 AZN\nValid until 10.07.2027\n1 Pay from balance\n0 Back');
    assert.equal(confirm.effect, undefined);
    const pay = answerUssdInput(confirm.state, '1', ctx);
    assert.deepEqual(pay.effect, { kind: 'renew', planCode: 'SAXLA_NOMRE', planName: 'Keep My Number', months: 6, price: 810, validUntilAfter: '2027-07-10' });
    const done = renewalDone({ kind: 'renew', planCode: 'SAXLA_NOMRE', planName: 'Keep My Number', months: 6, price: qepik(810), validUntilAfter: '2027-07-10' as IsoDate },
      { validUntil: '2027-07-10' as IsoDate, balance: qepik(4190) }, ctx);
    assert.equal(done.screen.end, true);
    assert.match(done.screen.text, /Paid 8\.10 AZN\. Valid until 10\.07\.2027\. Balance 41\.90 AZN/);
  });

  test('a balance below the price ends with a clear text, before any confirmation', () => {
    const step = run(context('en', 45, 100), ['1', '1', '2']);
    assert.equal(step.screen.end, true);
    assert.equal(step.effect, undefined);
    assert.match(step.screen.text, /Not enough balance: the plan costs 4\.50 AZN, your balance is 1\.00 AZN/);
  });
});

describe('USSD menu: navigation', () => {
  const ctx = context('en', 45, 5000);
  test('0 goes back one screen, 00 goes home, 9 turns the page', () => {
    const months = run(ctx, ['1', '1']);
    assert.match(months.screen.text, /^Keep My Number\n1 1 month 1\.50 AZN/);
    assert.match(answerUssdInput(months.state, '0', ctx).screen.text, /^Renew with plan:/);
    assert.equal(answerUssdInput(months.state, '00', ctx).screen.text, openUssd(ctx).text);
    const page2 = run(ctx, ['2', '9']);
    assert.doesNotMatch(page2.screen.text, /Keep My Number/);
    assert.match(answerUssdInput(page2.state, '0', ctx).screen.text, /Keep My Number/, 'back from page 2 is page 1');
    assert.equal(answerUssdInput(initialUssdState, '0', ctx).screen.text, openUssd(ctx).text, '0 at home stays home');
  });

  test('the plans list leads to a plan and from there to its renewal', () => {
    const detail = run(ctx, ['2', '1']);
    assert.match(detail.screen.text, /Keeps your number active/);
    assert.match(answerUssdInput(detail.state, '1', ctx).screen.text, /^Keep My Number\n1 1 month/);
  });

  test('last top-ups, newest first, and the language menu', () => {
    assert.match(run(ctx, ['3']).screen.text, /^Last top-ups:\n26\.11\.2026 1234\.56 AZN\n27\.10\.2026 5\.00 AZN/);
    const language = run(ctx, ['4', '3']);
    assert.deepEqual(language.effect, { kind: 'set_language', language: 'ru' });
    assert.match(languageSet({ ...ctx, line: { ...ctx.line, language: 'ru' } }).screen.text, /^Баланс 50\.00 AZN/);
  });

  test('on a crowded UCS-2 first screen, 9 opens the full menu and 2-4 work from home all the same', () => {
    const ru = context('ru', -10, 0);
    assert.match(openUssd(ru).text, /1 Продлить 9 Меню$/);
    assert.match(run(ru, ['9']).screen.text, /1 Продлить\n2 Тарифы\n3 Пополнения\n4 Язык\n5 Пакеты\n0 Назад/);
    assert.match(run(ru, ['3']).screen.text, /^Пополнения:/);
  });
});

describe('USSD menu: my packs', () => {
  const packs: PackLeft[] = [
    { kind: 'voice', unit: 'second', included: 6000, used: 1260, left: 4740, resetsAt: '2026-12-21T00:00:00+04:00' },
    { kind: 'data', unit: 'kilobyte', included: 3_145_728, used: 1_500_000, left: 1_645_728, resetsAt: '2026-12-21T00:00:00+04:00' },
    { kind: 'international', unit: 'second', included: 3600, used: 600, left: 3000, resetsAt: '2026-12-21T00:00:00+04:00' },
    { kind: 'sms', unit: 'message', included: 100, used: 5, left: 95, resetsAt: '2026-12-21T00:00:00+04:00' },
    { kind: 'roaming_data', unit: 'kilobyte', included: 512_000, used: 0, left: 512_000, resetsAt: '2026-12-21T00:00:00+04:00' },
  ];

  test('5 shows what is left in each pack and the renewal day; without packs it says so', () => {
    const ctx = { ...context('en', 45, 5000), packs };
    assert.equal(run(ctx, ['5']).screen.text, 'Left in packs:\nCalls 79/100 min\nData 1.5/3 GB\nIntl calls 50/60 min\nSMS 95/100\nRoaming data 500/500 MB\nRenews 21.12.2026\n0 Back');
    assert.match(run({ ...context('az', 45, 5000), packs }, ['5']).screen.text, /Internet 1,5\/3 GB/);
    assert.equal(run(context('en', 45, 5000), ['5']).screen.text, 'Left in packs:\nNo packs this period.\n0 Back');
    assert.equal(run(ctx, ['9', '5']).screen.text, run(ctx, ['5']).screen.text);
  });

  for (const language of locales) {
    test(`${language}: the packs screen always fits, dropping what does not`, () => {
      for (let n = 0; n <= packs.length; n++) {
        const ctx = { ...context(language, 45, 5000), packs: packs.slice(0, n) };
        for (const inputs of [['5'], ['5', 'x'], ['9', '5']]) assertFits(run(ctx, inputs).screen, `${language} ${n} packs ${inputs.join('*')}`);
        assert.match(run(ctx, ['5', '0']).screen.text, /./);
      }
    });
  }
});

describe('USSD menu: garbage changes nothing', () => {
  const garbage = ['abc', 'x', '', '99999999999999999999', '1'.repeat(10_000), '-1', '1.5', ' 1', '٣', '#', '0x1', '1e3'];
  for (const language of locales) {
    test(`${language}: every screen answers garbage with "invalid choice" and the same state`, () => {
      const ctx = context(language, 45, 5000);
      for (const path of [[], ['1'], ['1', '1'], ['1', '1', '1'], ['2'], ['2', '1'], ['3'], ['4'], ['5']]) {
        const at = run(ctx, path);
        for (const input of garbage) {
          const step = answerUssdInput(at.state, input, ctx);
          assert.deepEqual(step.state, at.state, `${path.join('*')} + ${input.slice(0, 20)}`);
          assert.equal(step.effect, undefined);
          assert.equal(step.screen.end, false);
          assertFits(step.screen, `${language} ${path.join('*')} + garbage`);
        }
      }
    });
  }

  test('a stored state that is not one is read as home', () => {
    assert.equal(renderUssd({ current: { screen: 'renew_months', planCode: 'GONE' }, trail: [] }, context('en', 45, 0)).text, openUssd(context('en', 45, 0)).text);
  });
});
