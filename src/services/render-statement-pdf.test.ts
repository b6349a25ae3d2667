// The statement PDF in all five languages: every label in the language, the descriptions as the
// statement gives them, real glyphs (no .notdef box) from DejaVu Sans and Noto Sans CJK, and the
// fallbacks when those fonts are missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IsoDate } from '../domain/calendar.ts';
import { azn, qepik, type Locale } from '../domain/money.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { statementTexts } from '../domain/statement-texts.ts';
import { pdfText, readPdfFonts } from '../../test/helpers/pdf-text.ts';
import type { Statement, StatementEntry } from './get-statement.ts';
import { findPdfFonts } from './pdf-fonts.ts';
import { chooseTypeface, renderStatementPdf, transliterateAz } from './render-statement-pdf.ts';

const none = (): boolean => false;
const dejavuOnly = (path: string): boolean => path.endsWith('DejaVuSans.ttf');
const installed = findPdfFonts();
const needFonts = !installed.unicode || !installed.cjk ? 'fonts-dejavu-core and fonts-noto-cjk are not both installed' : false;

test('fonts: DejaVu for ə and Cyrillic, Noto CJK for Chinese; without them az is transliterated, ru and zh fall back to English', () => {
  assert.equal(transliterateAz('Hesabdan çıxarış, Ödəniş, İlkin'), 'Hesabdan çixaris, Ödenis, Ilkin');
  assert.equal(chooseTypeface('az', dejavuOnly).texts.labels.title, 'Hesabdan çıxarış');
  assert.equal(chooseTypeface('ru', dejavuOnly).texts.labels.title, 'Выписка');
  assert.equal(chooseTypeface('zh', dejavuOnly).lang, 'en', 'no CJK font: English rather than boxes');
  assert.equal(chooseTypeface('zh', (p) => p.endsWith('NotoSansCJK-Regular.ttc') || dejavuOnly(p)).texts.labels.title, '账单');
  const bareAz = chooseTypeface('az', none);
  assert.equal(bareAz.fonts.unicode, undefined);
  assert.equal(bareAz.text('Son balans: Ödəniş'), 'Son balans: Ödenis');
  assert.equal(chooseTypeface('ru', none).lang, 'en');
});

function entry(e: Partial<StatementEntry> & Pick<StatementEntry, 'kind' | 'description' | 'amount' | 'balanceAfter'>): StatementEntry {
  return { id: '1', at: '2026-12-02T10:00:00+04:00', note: '', details: {}, validUntilBefore: '2027-01-01' as IsoDate, validUntilAfter: '2027-01-01' as IsoDate, reference: null, ...e };
}

// The descriptions are the statement's (get-statement builds them); here, what each language says.
const described: Readonly<Record<Locale, { payment: string; renewal: string }>> = {
  en: { payment: 'Card payment', renewal: 'Renewal: Expat Pack × 3 months' },
  az: { payment: 'Kartla ödəniş', renewal: 'Yeniləmə: Əcnəbi paketi × 3 ay' },
  ru: { payment: 'Оплата картой', renewal: 'Продление: Пакет для иностранцев × 3 мес.' },
  zh: { payment: '银行卡付款', renewal: '续费：外籍人士套餐 × 3 个月' },
  tr: { payment: 'Kartla ödeme', renewal: 'Yenileme: Yabancı paketi × 3 ay' },
};

function statementIn(language: Locale): Statement {
  return {
    msisdn: trustedMsisdn('+994500000031'), language, from: '2026-12-01' as IsoDate, to: '2026-12-31' as IsoDate,
    openingBalanceAt: '2026-12-01T00:00:00+04:00', openingBalance: azn(qepik(0)),
    entries: [
      entry({ kind: 'payment', description: described[language].payment, amount: azn(qepik(1234)), balanceAfter: azn(qepik(1234)), reference: 'sandbox:sbx_1', details: { payment: 'sandbox:sbx_1' } }),
      entry({ kind: 'plan_charge', description: described[language].renewal, amount: azn(qepik(-1234)), balanceAfter: azn(qepik(0)), validUntilAfter: '2027-04-01' as IsoDate }),
    ],
    closingBalance: azn(qepik(0)),
  };
}

const money: Readonly<Record<Locale, string>> = { en: '12.34 AZN', zh: '12.34 AZN', az: '12,34 AZN', ru: '12,34 AZN', tr: '12,34 AZN' };

for (const language of ['az', 'en', 'ru', 'zh', 'tr'] as const) {
  test(`a ${language} statement: every label in ${language}, the descriptions, no empty boxes`, { skip: needFonts }, async () => {
    const pdf = await renderStatementPdf(statementIn(language), { uncompressed: true });
    const { text, notdef, fonts } = readPdfFonts(pdf);
    const l = statementTexts[language].labels;
    for (const s of [`Saxla — ${l.title}`, `${l.number}: +994500000031`, l.period, l.date, l.what, l.amount, l.after, `${l.closing}: 0`, described[language].payment, described[language].renewal, `${l.reference}: sandbox:sbx_1`, money[language]]) {
      assert.ok(text.includes(s), `${language}: "${s}" in ${text}`);
    }
    assert.equal(notdef, 0, `${language}: every character has a glyph`);
    assert.equal(fonts.some((f) => f.endsWith('+NotoSansCJKsc-Regular')), language === 'zh', `${language}: the CJK font only where Chinese is printed (${fonts.join(', ')})`);
    assert.ok(fonts.every((f) => /^[A-Z]{6}\+/.test(f)), 'fonts embedded as subsets');
  });
}

test('a Chinese statement with an Azerbaijani store name: Chinese in Noto CJK, ə and ş in DejaVu, and small', { skip: needFonts }, async () => {
  const s = statementIn('zh');
  const withStore: Statement = { ...s, entries: [...s.entries, entry({ kind: 'payment', description: '门店刷卡付款：Gənclik filialı, Şəki', amount: azn(qepik(100)), balanceAfter: azn(qepik(100)) })] };
  const reading = readPdfFonts(await renderStatementPdf(withStore, { uncompressed: true }));
  assert.ok(reading.text.includes('门店刷卡付款：Gənclik filialı, Şəki'), reading.text);
  assert.equal(reading.notdef, 0);
  const compressed = await renderStatementPdf(withStore);
  assert.ok(compressed.length < 150_000, `a zh statement is ${compressed.length} bytes`);
});

test('with Helvetica only, an Azerbaijani statement prints transliterated text and the amounts', async () => {
  const pdf = await renderStatementPdf(statementIn('az'), { uncompressed: true, fontExists: none });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf);
  for (const s of ['Hesabdan çixaris', 'Kartla ödenis', '12,34 AZN', 'Son balans']) assert.ok(text.includes(s), s);
  assert.doesNotMatch(pdf.toString('latin1'), /FontFile/, 'no font embedded');
});

test('no CJK font: a Chinese statement prints in English with the kinds, never boxes', async () => {
  const pdf = await renderStatementPdf(statementIn('zh'), { uncompressed: true, fontExists: dejavuOnly });
  const { text, notdef } = readPdfFonts(pdf);
  for (const s of ['Saxla — Statement', 'Payment', 'Plan', 'Closing balance: 0.00 AZN']) assert.ok(text.includes(s), `${s} in ${text}`);
  assert.doesNotMatch(text, /[\u4e00-\u9fff]/);
  assert.equal(notdef, 0);
});

test('a Turkish statement without DejaVu: ı, ş and ğ become Latin-1; day first and a decimal comma', async () => {
  const bare = pdfText(await renderStatementPdf(statementIn('tr'), { uncompressed: true, fontExists: none }));
  for (const s of ['Hesap ekstresi', 'Kapanis bakiyesi: 0,00 AZN', 'Islem', '02.12.2026 10:00', 'Yenileme: Yabanci paketi × 3 ay']) assert.ok(bare.includes(s), `${s} in ${bare}`);
});

test('a long statement runs over pages, each numbered "Page n of N" in the language', { skip: needFonts }, async () => {
  const s = statementIn('en');
  const long: Statement = { ...s, entries: Array.from({ length: 60 }, (_, i) => s.entries[i % 2] ?? s.entries[0]).filter((e): e is StatementEntry => e !== undefined) };
  const { text, notdef } = readPdfFonts(await renderStatementPdf(long, { uncompressed: true }));
  // Runs are read back without separators, so find N by its last page rather than by a pattern.
  const pages = [2, 3, 4, 5, 6].find((n) => text.includes(`Page ${n} of ${n}`)) ?? 0;
  assert.ok(pages >= 2, `several pages: ${text.slice(-200)}`);
  assert.ok(text.includes(`Page 1 of ${pages}`));
  assert.equal(notdef, 0);
  const zh = readPdfFonts(await renderStatementPdf({ ...long, language: 'zh' }, { uncompressed: true })).text;
  assert.ok(zh.includes(`第 1 页，共 ${pages} 页`), 'the same pages in Chinese');
});
