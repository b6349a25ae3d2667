import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCatalogFile } from './catalog-file.ts';
import type { DomainError } from './errors.ts';
import { customerLanguages } from './vocabularies.ts';

const texts = {
  az: { name: 'Test', description: 'Test planı.' }, en: { name: 'Test', description: 'A test plan.' },
  ru: { name: 'Тест', description: 'Тестовый план.' }, zh: { name: '测试', description: '测试套餐。' },
  tr: { name: 'Test', description: 'Bir deneme tarifesi.' },
};
const plan = { code: 'TEST_1', kind: 'data', monthlyPrice: 300, durations: [1, 3], allowances: { dataMb: 1024 }, texts, sortOrder: 5 };
const names = { az: 'Endirim', en: 'Discount', ru: 'Скидка', zh: '优惠', tr: 'İndirim' };
const promotion = { kind: 'bundle', code: 'PAIR', names, minLines: 2, basisPoints: 500 };

function refusal(text: string): DomainError {
  try {
    parseCatalogFile(text);
  } catch (error) {
    return error as DomainError;
  }
  assert.fail('the file was accepted');
}

test('plans and promotions come back typed, with active from the file (default true)', () => {
  const file = parseCatalogFile(JSON.stringify({ plans: [plan, { ...plan, code: 'OLD', active: false }], promotions: [promotion] }));
  assert.deepEqual(file.plans.map((e) => [e.path, e.value.code, e.active]), [['/plans/0', 'TEST_1', true], ['/plans/1', 'OLD', false]]);
  assert.equal(file.plans[0]?.value.monthlyPrice, 300);
  assert.deepEqual(file.promotions.map((e) => [e.path, e.value.code, e.active]), [['/promotions/0', 'PAIR', true]]);
});

test('every problem is named by its JSON path, across plans and promotions', () => {
  const e = refusal(JSON.stringify({
    plans: [plan, { ...plan, texts: { ...texts, az: { name: '', description: 'x' } } }, { ...plan, sortOrder: 6 }, { ...plan, code: 'A', active: 'no' }],
    promotions: [{ ...promotion, basisPoints: 0 }],
    extras: true,
  }));
  assert.equal(e.code, 'VALIDATION_FAILED');
  const paths = e.details.map((d) => d.path);
  for (const p of ['/extras', '/plans/1/texts/az/name', '/plans/2/code', '/plans/3/active', '/plans/3/code', '/promotions/0/basisPoints']) {
    assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
  }
  assert.match(e.details.find((d) => d.path === '/plans/2/code')?.message ?? '', /TEST_1 is listed twice \(also at \/plans\/0\)/);
  assert.match(e.message, /^the catalogue is not valid: \/extras: unknown field .* \(and \d+ more\)$/);
});

test('a syntax error names its line and column; an empty catalogue is refused', () => {
  assert.match(refusal('{\n  "plans": [\n    {"code": "X",}\n  ]\n}').message, /not JSON: .*\(line 3 column 18\)$/);
  assert.match(refusal('[]').message, /must be a JSON object/);
  assert.match(refusal('{"plans": []}').message, /no plans and no promotions/);
  assert.match(refusal('{"plans": {}}').message, /\/plans: a list/);
});

test('the example catalogue names every plan and promotion in every customer language', async () => {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('../../docs/examples/catalog.json', import.meta.url), 'utf8');
  const raw = JSON.parse(text) as { plans: { code: string; texts: Record<string, { name: string }> }[]; promotions: { code: string; names: Record<string, string> }[] };
  for (const p of raw.plans) {
    assert.deepEqual(Object.keys(p.texts).sort(), [...customerLanguages].sort(), `plan ${p.code}`);
    for (const language of customerLanguages) assert.ok(p.texts[language]?.name.trim(), `plan ${p.code} has a ${language} name`);
  }
  for (const p of raw.promotions) {
    assert.deepEqual(Object.keys(p.names).sort(), [...customerLanguages].sort(), `promotion ${p.code}`);
  }
  // And the importer itself holds every file to the same list.
  assert.ok(parseCatalogFile(text).plans.length > 0);
});

test('a plan or promotion without a name in one language of the vocabulary is refused', () => {
  for (const language of customerLanguages) {
    const { [language]: _planText, ...fewerTexts } = texts;
    const { [language]: _promotionName, ...fewerNames } = names;
    const e = refusal(JSON.stringify({ plans: [{ ...plan, texts: fewerTexts }], promotions: [{ ...promotion, names: fewerNames }] }));
    const paths = e.details.map((d) => d.path);
    assert.ok(paths.includes(`/plans/0/texts/${language}`), paths.join(', '));
    assert.ok(paths.includes(`/promotions/0/names/${language}`), paths.join(', '));
  }
});

test('a promotion may carry descriptions in every language; one missing a language is refused', () => {
  const base = { kind: 'bundle', code: 'PAIR2', names: Object.fromEntries(customerLanguages.map((l) => [l, `Pair ${l}`])), minLines: 2, basisPoints: 500 };
  const descriptions = Object.fromEntries(customerLanguages.map((l) => [l, `Two numbers ${l}`]));
  const file = parseCatalogFile(JSON.stringify({ promotions: [{ ...base, descriptions }] }));
  assert.equal(file.promotions[0]?.descriptions?.zh, 'Two numbers zh');
  assert.throws(() => parseCatalogFile(JSON.stringify({ promotions: [{ ...base, descriptions: { en: 'Only English' } }] })),
    (error: { details: { path: string }[] }) => error.details.some((d) => d.path === '/promotions/0/descriptions/tr'));
});
