import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IsoDate } from '../domain/calendar.ts';
import { azn, qepik } from '../domain/money.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { pdfText } from '../../test/helpers/pdf-text.ts';
import type { Statement } from './get-statement.ts';
import { chooseTypeface, renderStatementPdf, transliterateAz } from './render-statement-pdf.ts';

const none = (): boolean => false;
const dejavuOnly = (path: string): boolean => path.endsWith('DejaVuSans.ttf');

test('fonts: DejaVu for ə and Cyrillic; without it az is transliterated and ru falls back to English; zh needs a CJK font', () => {
  assert.equal(transliterateAz('Hesabdan çıxarış, Ödəniş, İlkin'), 'Hesabdan çixaris, Ödenis, Ilkin');
  assert.equal(chooseTypeface('az', dejavuOnly).labels.title, 'Hesabdan çıxarış');
  assert.equal(chooseTypeface('ru', dejavuOnly).labels.title, 'Выписка');
  assert.equal(chooseTypeface('zh', dejavuOnly).labels.title, 'Statement');
  assert.equal(chooseTypeface('zh', (p) => p.includes('wqy-zenhei')).labels.title, '账单');
  const bareAz = chooseTypeface('az', none);
  assert.equal(bareAz.font, undefined);
  assert.equal(bareAz.text('Son balans: Ödəniş'), 'Son balans: Ödenis');
  assert.equal(chooseTypeface('ru', none).labels.title, 'Statement');
});

const statement: Statement = {
  msisdn: trustedMsisdn('+994500000031'), from: '2026-12-01' as IsoDate, to: '2026-12-31' as IsoDate,
  openingBalanceAt: '2026-12-01T00:00:00+04:00', openingBalance: azn(qepik(0)),
  entries: [{ at: '2026-12-02T10:00:00+04:00', kind: 'payment', description: 'payment pay_1', amount: azn(qepik(1234)), balanceAfter: azn(qepik(1234)), validUntilBefore: '2027-01-01' as IsoDate, validUntilAfter: '2027-01-01' as IsoDate, reference: null }],
  closingBalance: azn(qepik(1234)),
};

test('with Helvetica only, an Azerbaijani statement prints transliterated text and the amounts', async () => {
  const pdf = await renderStatementPdf(statement, { locale: 'az', uncompressed: true, fontExists: none });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf);
  for (const s of ['Hesabdan çixaris', 'Ödenis', '12,34 AZN', 'Son balans']) assert.ok(text.includes(s), s);
  assert.doesNotMatch(pdf.toString('latin1'), /FontFile2/, 'no font embedded');
});

test('a Turkish statement: DejaVu prints ı, ş and ğ; without it they become Latin-1; day first and a decimal comma', async () => {
  assert.equal(chooseTypeface('tr', dejavuOnly).labels.title, 'Hesap ekstresi');
  const withDejaVu = await renderStatementPdf(statement, { locale: 'tr', uncompressed: true, fontExists: dejavuOnly });
  const text = pdfText(withDejaVu);
  for (const s of ['Hesap ekstresi', 'Dönem: 01.12.2026 – 31.12.2026', 'Ödeme', '12,34 AZN', 'Kapanış bakiyesi: 12,34 AZN', '02.12.2026 10:00']) assert.ok(text.includes(s), `${s} in ${text}`);
  const bare = pdfText(await renderStatementPdf(statement, { locale: 'tr', uncompressed: true, fontExists: none }));
  for (const s of ['Hesap ekstresi', 'Kapanis bakiyesi: 12,34 AZN', 'Islem']) assert.ok(bare.includes(s), `${s} in ${bare}`);
});
