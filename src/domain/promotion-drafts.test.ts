import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseInstant } from './calendar.ts';
import { isDomainError } from './errors.ts';
import { locales } from './money.ts';
import { displayState, draftFromForm, formFromDraft, nextPromotionState, parsePercent, publishableDraft, promotionStates, type PromotionForm } from './promotion-drafts.ts';

const all = (prefix: string) => Object.fromEntries(locales.map((l) => [l, `${prefix} ${l}`]));
const form = (over: Partial<PromotionForm> = {}): PromotionForm => ({
  code: ' spring10 ', kind: 'code', discountType: 'percent', percent: '10', validFrom: '2026-12-01', validUntil: '2026-12-31',
  names: all('Spring'), descriptions: all('Ten percent off'), ...over,
});
const now = parseInstant('2026-11-26T10:00:00+04:00');

function problemPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error.details.map((d) => d.path ?? '');
    throw error;
  }
  return [];
}

describe('a promotion drafted in the back office', () => {
  test('runs whole Baku days: from the first day 00:00 to the day after the last', () => {
    const draft = draftFromForm(form());
    assert.equal(draft.code, 'SPRING10');
    assert.equal(draft.document.validFrom, '2026-12-01T00:00:00+04:00');
    assert.equal(draft.document.validUntil, '2027-01-01T00:00:00+04:00');
    const back = formFromDraft(draft);
    assert.equal(back.validFrom, '2026-12-01');
    assert.equal(back.validUntil, '2026-12-31');
    assert.equal(back.percent, '10');
  });

  test('may be saved without every language, but is not published until names and descriptions are all written', () => {
    const draft = draftFromForm(form({ names: { en: 'Spring', az: 'Yaz' }, descriptions: { en: 'Ten off' } }));
    const paths = problemPaths(() => publishableDraft(draft, now));
    assert.deepEqual(paths.sort(), ['/descriptions/az', '/descriptions/ru', '/descriptions/tr', '/descriptions/zh', '/names/ru', '/names/tr', '/names/zh']);
    const { promotion } = publishableDraft(draftFromForm(form()), now);
    assert.equal(promotion.kind, 'code');
  });

  test('keeps the import rules: a fixed discount needs a minimum order or a floor', () => {
    const paths = problemPaths(() => draftFromForm(form({ discountType: 'fixed', amount: '5', names: {} })));
    assert.deepEqual(paths, ['/minOrder']);
    const ok = draftFromForm(form({ discountType: 'fixed', amount: '5,00', floor: '1.50' }));
    assert.deepEqual(ok.document.value, { type: 'fixed', amount: 500 });
    assert.equal(ok.document.floor, 150);
  });

  test('refuses bad numbers and days, naming each field', () => {
    const paths = problemPaths(() => draftFromForm(form({ percent: '0', validUntil: '2026-11-30', perCustomerCap: '1.5', channel: 'ussd' })));
    assert.deepEqual(paths.sort(), ['/channel', '/perCustomerCap', '/percent', '/validUntil']);
  });

  test('is not published once its last day is over', () => {
    const draft = draftFromForm(form({ validFrom: '2026-01-01', validUntil: '2026-02-01' }));
    assert.deepEqual(problemPaths(() => publishableDraft(draft, now)), ['/validUntil']);
  });

  test('limits eligibility by channel, new customers and caps', () => {
    const d = draftFromForm(form({ channel: 'counter', audience: 'new', perCustomerCap: '2', totalCap: '100', minMonths: '3', planCodes: ['ECNEBI_PAKET'] }));
    assert.deepEqual(d.document.channels, ['counter']);
    assert.equal(d.document.newCustomersOnly, true);
    assert.equal(d.document.perCustomerCap, 2);
    assert.deepEqual(d.document.planCodes, ['ECNEBI_PAKET']);
    const loyal = draftFromForm(form({ audience: 'existing' }));
    assert.equal(loyal.document.existingCustomersOnly, true);
    assert.equal(formFromDraft(loyal).audience, 'existing');
  });
});

test('percentages are read exactly as basis points', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (bp) => {
    const text = `${Math.trunc(bp / 100)}${bp % 100 === 0 ? '' : `.${String(bp % 100).padStart(2, '0')}`}`;
    assert.equal(parsePercent(text), bp);
    assert.equal(parsePercent(text.replace('.', ',')), bp);
  }));
  assert.equal(parsePercent('100.01'), null);
  assert.equal(parsePercent('0'), null);
  assert.equal(parsePercent('1.234'), null);
});

test('states move only along the allowed paths, and ended is final', () => {
  assert.equal(nextPromotionState('draft', 'publish'), 'published');
  assert.equal(nextPromotionState('published', 'pause'), 'paused');
  assert.equal(nextPromotionState('paused', 'publish'), 'published');
  for (const action of ['edit', 'publish', 'pause', 'end'] as const) {
    assert.throws(() => nextPromotionState('ended', action), { code: 'PROMOTION_STATE_CONFLICT' });
  }
  assert.throws(() => nextPromotionState('published', 'edit'), { code: 'PROMOTION_STATE_CONFLICT' });
  for (const state of promotionStates) assert.ok(['published', 'ended'].includes(state) || nextPromotionState(state, 'end') === 'ended');
  assert.equal(displayState('published', parseInstant('2026-12-01T00:00:00+04:00'), now), 'scheduled');
  assert.equal(displayState('published', parseInstant('2026-11-01T00:00:00+04:00'), now), 'published');
});
