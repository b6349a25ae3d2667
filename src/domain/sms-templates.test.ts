import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locales, qepik } from './money.ts';
import { formatSmsDate, smsAmount, smsMessages, smsText } from './sms-templates.ts';
import { chooseEncoding } from './sms-encoding.ts';

const values = { code: '123456', msisdn: '+994501234567', plan: 'Keep Number', months: 3, amount: smsAmount(qepik(1250)), balance: smsAmount(qepik(300)), validUntil: '28.02.2027', order: 'ord_1', days: 7, daysToLoss: 187, store: 'Nizami st. 10', date: '01.12.2026', time: '10:30' };

test('no SMS template ever carries a link', () => {
  for (const [id, byLocale] of Object.entries(smsMessages)) {
    for (const locale of locales) {
      const text = byLocale[locale];
      assert.ok(text, `${id} has ${locale}`);
      assert.doesNotMatch(text, /https?:|www\.|:\/\/|\b[a-z0-9-]+\.(az|com|net|org|ru|cn|io|me)\b/i, `${id}/${locale} has a link`);
    }
  }
});

test('every template renders in every language, amounts in AZN', () => {
  for (const id of Object.keys(smsMessages)) {
    for (const locale of locales) {
      const text = smsText(id, locale, values);
      assert.doesNotMatch(text, /[{}]/, `${id}/${locale} left a placeholder`);
      assert.doesNotMatch(text, /₼/);
    }
  }
  assert.match(smsText('renewal_confirmation', 'en', values), /12\.50 AZN/);
  assert.match(smsText('renewal_confirmation', 'ru', { ...values, months: 5 }), /5 месяцев/);
});

test('English texts stay GSM 7-bit; Azerbaijani needs UCS-2', () => {
  for (const id of Object.keys(smsMessages)) {
    assert.equal(chooseEncoding(smsText(id, 'en', values)).encoding, 'gsm7', id);
  }
  assert.equal(chooseEncoding(smsText('otp', 'az', values)).encoding, 'ucs2');
});

test('dates read the local way', () => {
  assert.equal(formatSmsDate('2027-02-28' as never, 'az'), '28.02.2027');
  assert.equal(formatSmsDate('2027-02-28' as never, 'zh'), '2027-02-28');
  assert.throws(() => smsText('nope', 'en', {}), { code: 'SMS_TEMPLATE_MISSING' });
});
