import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { offersDuration, parsePlan, planText, sortPlans, type Plan } from './catalog.ts';
import { isDomainError } from './errors.ts';

function planDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'SAXLA_NOMRE',
    kind: 'keep_number',
    monthlyPrice: 150,
    durations: [12, 1, 3, 6],
    allowances: { minutes: 5, sms: 5 },
    texts: {
      az: { name: 'Saxla Nömrə', description: 'Nömrəniz aktiv qalır.' },
      en: { name: 'Keep My Number', description: 'Keeps your number active.' },
      ru: { name: 'Сохрани номер', description: 'Номер остаётся активным.' },
      zh: { name: '保号套餐', description: '保持号码有效。' },
      tr: { name: 'Numaramı Koru', description: 'Numaranız aktif kalır.' },
    },
    sortOrder: 10,
    ...overrides,
  };
}

/** The JSON-pointer paths a refused document names. */
function problemPaths(doc: unknown): string[] {
  try {
    parsePlan(doc);
  } catch (error) {
    assert.ok(isDomainError(error));
    assert.equal(error.code, 'PLAN_INVALID');
    return error.details.map((d) => d.path ?? '');
  }
  assert.fail('the document was accepted');
}

describe('parsePlan', () => {
  it('accepts a complete plan and sorts its durations', () => {
    const plan = parsePlan(planDoc());
    assert.equal(plan.code, 'SAXLA_NOMRE');
    assert.equal(plan.monthlyPrice, 150);
    assert.deepEqual(plan.durations, [1, 3, 6, 12]);
    assert.deepEqual(plan.allowances, { minutes: 5, sms: 5 });
  });

  it('names every problem at once, with its path', () => {
    const paths = problemPaths(planDoc({ code: 'saxla-nomre', kind: 'gold', monthlyPrice: 1.5, sortOrder: -1 }));
    assert.deepEqual(paths.sort(), ['/code', '/kind', '/monthlyPrice', '/sortOrder']);
  });

  it('requires every language, non-empty', () => {
    const doc = planDoc();
    const texts = { ...(doc.texts as Record<string, unknown>) };
    delete texts.zh;
    texts.ru = { name: '   ', description: 'Номер остаётся активным.' };
    assert.deepEqual(problemPaths({ ...doc, texts }).sort(), ['/texts/ru/name', '/texts/zh']);
  });

  it('keeps names to a USSD line and descriptions to one line', () => {
    const doc = planDoc();
    const texts = {
      ...(doc.texts as Record<string, unknown>),
      en: { name: 'Keep My Number Forever', description: 'two\nlines' },
    };
    assert.deepEqual(problemPaths({ ...doc, texts }).sort(), ['/texts/en/description', '/texts/en/name']);
  });

  it('counts letters, not UTF-16 units: a 20-letter Azerbaijani name fits', () => {
    const doc = planDoc();
    const texts = { ...(doc.texts as Record<string, unknown>), az: { name: 'ƏəĞğİıŞşÇçÖöÜüƏəĞğİı', description: 'Qısa.' } };
    assert.equal(parsePlan({ ...doc, texts }).texts.az.name.length, 20);
  });

  it('refuses durations outside 1, 3, 6, 12, repeats and an empty list', () => {
    assert.deepEqual(problemPaths(planDoc({ durations: [1, 2, 3, 3] })), ['/durations/1', '/durations/3']);
    assert.deepEqual(problemPaths(planDoc({ durations: [] })), ['/durations']);
  });

  it('refuses unknown fields and negative or fractional allowances', () => {
    const paths = problemPaths(planDoc({ colour: 'red', allowances: { dataMb: -1, sms: 0.5, gigabytes: 3 } }));
    assert.deepEqual(paths.sort(), ['/allowances/dataMb', '/allowances/gigabytes', '/allowances/sms', '/colour']);
  });

  it('requires lines for family and multi-SIM plans, and only for them', () => {
    assert.deepEqual(problemPaths(planDoc({ kind: 'family', allowances: { dataMb: 1000 } })), ['/allowances/lines']);
    assert.deepEqual(problemPaths(planDoc({ kind: 'multi_sim', allowances: { lines: 1 } })), ['/allowances/lines']);
    assert.deepEqual(problemPaths(planDoc({ allowances: { lines: 2 } })), ['/allowances/lines']);
    assert.equal(parsePlan(planDoc({ kind: 'family', allowances: { lines: 4 } })).allowances.lines, 4);
  });

  it('refuses what is not an object', () => {
    assert.deepEqual(problemPaths(null), ['']);
    assert.deepEqual(problemPaths([planDoc()]), ['']);
  });
});

describe('planText, offersDuration, sortPlans', () => {
  const plan: Plan = parsePlan(planDoc({ durations: [1, 6] }));

  it('reads the text of the asked language', () => {
    assert.equal(planText(plan, 'az').name, 'Saxla Nömrə');
    assert.equal(planText(plan, 'zh').description, '保持号码有效。');
  });

  it('offers only the listed durations', () => {
    assert.equal(offersDuration(plan, 6), true);
    assert.equal(offersDuration(plan, 3), false);
    assert.equal(offersDuration(plan, 12), false);
  });

  it('sorts by sortOrder, then code', () => {
    const a = parsePlan(planDoc({ code: 'B', sortOrder: 1 }));
    const b = parsePlan(planDoc({ code: 'A', sortOrder: 1 }));
    const c = parsePlan(planDoc({ code: 'C', sortOrder: 0 }));
    assert.deepEqual(sortPlans([a, b, c]).map((p) => p.code), ['C', 'A', 'B']);
  });
});
