import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IsoDate } from './calendar.ts';
import { locales, qepik } from './money.ts';
import {
  describeEntry, legacyEntryDetails, planNameIn, providerOfReference, readEntryDetails, resolveStatementPeriod, runBalances, type EntryFacts,
} from './statement.ts';
import { statementTexts } from './statement-texts.ts';

const today = '2026-12-12' as IsoDate;

test('a statement period: defaults, inclusive bounds and limits', () => {
  assert.deepEqual(resolveStatementPeriod({}, today), { from: '2026-09-14', to: '2026-12-12' });
  assert.deepEqual(resolveStatementPeriod({ to: '2026-03-31' }, today), { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(resolveStatementPeriod({ from: '2026-12-01' }, today), { from: '2026-12-01', to: '2026-12-12' });
  assert.deepEqual(resolveStatementPeriod({ from: '2020-01-01' }, today), { from: '2020-01-01', to: '2020-12-31' }, 'only from: never longer than allowed');
  assert.deepEqual(resolveStatementPeriod({ from: '2026-12-12', to: '2026-12-12' }, today), { from: '2026-12-12', to: '2026-12-12' });
  assert.deepEqual(resolveStatementPeriod({ from: '2024-01-01', to: '2024-12-31' }, today), { from: '2024-01-01', to: '2024-12-31' }, '366 days of a leap year');
  for (const asked of [{ from: '2024-01-01', to: '2025-01-01' }, { from: '2026-12-02', to: '2026-12-01' }, { from: '2026-02-29' }, { to: '12.12.2026' }]) {
    assert.throws(() => resolveStatementPeriod(asked, today), { code: 'INVALID_PERIOD' }, JSON.stringify(asked));
  }
});

test('running balances: each row\'s balance after it, and closing = opening + the sum', () => {
  fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: -1e6, max: 1e6 })), (opening, amounts) => {
    const { rows, closing } = runBalances(qepik(opening), amounts.map((a) => ({ amount: qepik(a) })));
    assert.equal(closing, opening + amounts.reduce((s, a) => s + a, 0));
    rows.forEach((r, i) => assert.equal(r.balanceAfter, (i === 0 ? opening : rows[i - 1]?.balanceAfter ?? 0) + r.amount));
  }));
});

describe('entry descriptions: from the entry\'s facts, in each language, never the stored English note', () => {
  const facts = (over: Partial<EntryFacts>): EntryFacts => ({ kind: 'payment', operation: 'renewal_payment', details: {}, provider: null, planName: null, storeName: null, ...over });

  test('a card payment, a renewal with the plan\'s name and months, a store sale, a refund', () => {
    const card = facts({ provider: 'sandbox', details: { payment: 'sandbox:sbx_1' } });
    const renewal = facts({ kind: 'plan_charge', details: { planCode: 'ECNEBI_PAKET', months: 3 }, planName: 'Expat Pack' });
    const store = facts({ provider: 'pos', storeName: '28 May' });
    assert.equal(describeEntry(card, 'en'), 'Card payment');
    assert.equal(describeEntry(renewal, 'en'), 'Renewal: Expat Pack × 3 months');
    assert.equal(describeEntry({ ...renewal, details: { planCode: 'X', months: 1 } }, 'en'), 'Renewal: Expat Pack × 1 month');
    assert.equal(describeEntry(renewal, 'zh'), '续费：Expat Pack × 3 个月');
    assert.equal(describeEntry(renewal, 'ru'), 'Продление: Expat Pack × 3 мес.');
    assert.equal(describeEntry(store, 'en'), 'Card payment at 28 May');
    assert.equal(describeEntry(facts({ provider: 'qr', storeName: '28 May' }), 'az'), 'Mağazada QR ilə ödəniş: 28 May');
    assert.equal(describeEntry(facts({ kind: 'top_up', operation: 'top_up', provider: null }), 'tr'), 'Bakiye yükleme');
    assert.equal(describeEntry(facts({ kind: 'top_up', operation: 'top_up_payment', provider: 'paypal' }), 'en'), 'Top-up by PayPal');
    assert.equal(describeEntry(facts({ kind: 'top_up', provider: 'pos', storeName: 'Gəncə' }), 'en'), 'Top-up at Gəncə');
    assert.equal(describeEntry(facts({ kind: 'refund', details: { reverses: 'plan_charge' } }), 'zh'), '退款：续费已取消');
    assert.equal(describeEntry(facts({ kind: 'refund' }), 'en'), 'Refund');
    assert.equal(describeEntry(facts({ kind: 'something_new' }), 'en'), 'Adjustment', 'an unknown kind reads as an adjustment, not as a code');
  });

  test('without a plan name the code stands in, never "undefined"; without months no "× {months}"', () => {
    assert.equal(describeEntry(facts({ kind: 'plan_charge', details: { planCode: 'GONE_PLAN', months: 2 } }), 'en'), 'Renewal: GONE_PLAN × 2 months');
    assert.equal(describeEntry(facts({ kind: 'plan_charge', details: {}, planName: 'Expat Pack' }), 'en'), 'Renewal: Expat Pack');
  });

  test('every kind and provider has a description in all five languages, and none leaks a placeholder', () => {
    const kinds = ['opening_balance', 'top_up', 'payment', 'plan_charge', 'restore_fee', 'usage', 'refund', 'adjustment'];
    const providers = [null, 'sandbox', 'stripe', 'paypal', 'pos', 'qr'];
    for (const locale of locales) {
      for (const kind of kinds) {
        for (const provider of providers) {
          for (const reverses of [undefined, 'plan_charge', 'payment', 'top_up'] as const) {
            const text = describeEntry(facts({ kind, provider, storeName: 'S', planName: 'P', details: { months: 3, ...(reverses ? { reverses } : {}) } }), locale);
            assert.ok(text.length > 0 && !/[{}]|undefined/.test(text), `${locale} ${kind} ${provider}: ${text}`);
          }
        }
      }
      if (locale !== 'en') assert.notEqual(statementTexts[locale].descriptions.payCard, statementTexts.en.descriptions.payCard, `${locale} is translated`);
    }
  });

  test('stored details are read defensively; notes written before details existed are read back', () => {
    assert.deepEqual(readEntryDetails({ planCode: 'ECNEBI_PAKET', months: 3, payment: 'stripe:pi_1', reverses: 'payment', extra: 1 }), { planCode: 'ECNEBI_PAKET', months: 3, payment: 'stripe:pi_1', reverses: 'payment' });
    assert.deepEqual(readEntryDetails({ months: -1, reverses: 'nonsense', planCode: 7 }), {});
    assert.deepEqual(readEntryDetails(null), {});
    assert.deepEqual(legacyEntryDetails('plan_charge', 'ECNEBI_PAKET × 3 months'), { planCode: 'ECNEBI_PAKET', months: 3 });
    assert.deepEqual(legacyEntryDetails('payment', 'payment sandbox:sbx_9'), { payment: 'sandbox:sbx_9' });
    assert.deepEqual(legacyEntryDetails('top_up', 'top-up, 30 days'), { days: 30 });
    assert.deepEqual(legacyEntryDetails('refund', 'payment returned order o_1'), { reverses: 'payment' });
    assert.deepEqual(legacyEntryDetails('adjustment', '=HYPERLINK("x")'), {});
    assert.equal(providerOfReference('sandbox:sbx_1'), 'sandbox');
    assert.equal(providerOfReference('emanat-778812'), null);
    assert.equal(planNameIn({ zh: { name: '外籍人士套餐', description: '' } }, 'zh'), '外籍人士套餐');
    assert.equal(planNameIn({ zh: { name: '' } }, 'zh'), null);
  });
});
