// Font runs: a text is cut into runs that put back together give the text, each run in a font that
// has its characters, as few runs as that allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cjkFontCovers, fontRuns, needsCjk, type FontRole } from './pdf-fonts.ts';

const pieces = ['Saxla', ' ', '账单', '：', 'Gənclik', 'filialı', 'Şəki', '×', '3', '个月', 'Оплата', '—', '12.34 AZN', 'ğ', 'İ', '，'];
const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(''));

test('runs rebuild the text, never repeat a font twice in a row, and each character is in a font that has it', () => {
  fc.assert(fc.property(texts, fc.constantFrom<FontRole>('cjk', 'latin'), (text, primary) => {
    const runs = fontRuns(text, primary);
    assert.equal(runs.map((r) => r.text).join(''), text);
    runs.forEach((r, i) => assert.notEqual(r.role, runs[i + 1]?.role));
    for (const run of runs) {
      for (const ch of run.text) {
        const cp = ch.codePointAt(0) ?? 0;
        if (run.role === 'cjk') assert.ok(cjkFontCovers(cp), `${ch} is not in Noto Sans CJK`);
        else assert.ok(!needsCjk(cp), `${ch} is not in DejaVu Sans`);
      }
    }
  }));
});

test('a Chinese document keeps Latin, digits and Cyrillic in the CJK font; only ə, ğ, ı, ş leave it', () => {
  assert.deepEqual(fontRuns('续费：外籍人士套餐 × 3 个月, 12.34 AZN', 'cjk'), [{ role: 'cjk', text: '续费：外籍人士套餐 × 3 个月, 12.34 AZN' }]);
  assert.deepEqual(fontRuns('门店：28 May filialı', 'cjk'), [{ role: 'cjk', text: '门店：28 May filial' }, { role: 'latin', text: 'ı' }]);
  assert.deepEqual(fontRuns('Receipt 收据', 'latin'), [{ role: 'latin', text: 'Receipt ' }, { role: 'cjk', text: '收据' }]);
});
