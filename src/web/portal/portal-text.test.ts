// The portal's text helpers: locale formats, and catalogues that are complete.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locales } from '../../domain/money.ts';
import { day, money, phone, weeklyHours } from './format.ts';
import { translator, type MessageKey } from './i18n.ts';
import { az } from './messages/az.ts';
import { en } from './messages/en.ts';
import { tr } from './messages/tr.ts';

test('amounts and days as each language writes them', () => {
  assert.equal(money({ amount: 1250, currency: 'AZN' }, 'az'), '12,50\u00a0₼');
  assert.equal(money({ amount: 1250, currency: 'AZN' }, 'en'), '₼12.50');
  assert.equal(day('2027-02-28', 'az'), '28.02.2027');
  assert.equal(day('2027-02-28', 'ru'), '28.02.2027');
  assert.equal(day('2027-02-28', 'en'), '28 Feb 2027');
  assert.equal(day('2027-02-28', 'zh'), '2027年2月28日');
  // Turkish: a decimal comma and a dot between thousands, the sign after, like 1.250,50 ₼.
  assert.equal(money({ amount: 1250, currency: 'AZN' }, 'tr'), '12,50\u00a0₼');
  assert.equal(money({ amount: 125050, currency: 'AZN' }, 'tr'), '1.250,50\u00a0₼');
  assert.equal(money({ amount: -125050, currency: 'AZN' }, 'tr'), '-1.250,50\u00a0₼');
  assert.equal(day('2027-02-28', 'tr'), '28.02.2027');
  assert.equal(phone('+994501234567'), '+994 50 123 45 67');
});

test('weekly hours group equal days', () => {
  const same = { open: '10:00', close: '22:00' };
  const hours = { mon: [same], tue: [same], wed: [same], thu: [same], fri: [same], sat: [same], sun: [{ open: '11:00', close: '20:00' }] };
  assert.equal(weeklyHours(hours, 'en'), 'Mon–Sat 10:00–22:00, Sun 11:00–20:00');
  assert.equal(weeklyHours({ mon: [same] }, 'ru'), 'Пн 10:00–22:00');
  assert.equal(weeklyHours(hours, 'tr'), 'Pzt–Cmt 10:00–22:00, Paz 11:00–20:00');
});

test('every catalogue has every key, none empty, placeholders kept; Azerbaijani and Turkish use their own letters', () => {
  for (const name of locales) {
    const t = translator(name);
    for (const [key, text] of Object.entries(en)) {
      const translated = t(key as MessageKey);
      assert.ok(translated && translated.length > 0, `${name} ${key}`);
      const placeholders = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(placeholders(translated), placeholders(text), `${name} ${key} placeholders`);
    }
  }
  const all = Object.values(az).join(' ');
  for (const letter of ['ə', 'ş', 'ç', 'ğ', 'ı', 'İ']) assert.ok(all.includes(letter), `az uses ${letter}`);
  // Turkish is its own language, not Azerbaijani respelled: no ə, and its words differ.
  const turkish = Object.values(tr).join(' ');
  for (const letter of ['ş', 'ç', 'ğ', 'ı', 'İ', 'ö', 'ü']) assert.ok(turkish.includes(letter), `tr uses ${letter}`);
  assert.doesNotMatch(turkish, /[əƏ]/u);
  const same = Object.keys(en).filter((key) => tr[key as MessageKey] === az[key as MessageKey] && /\p{L}{4}/u.test(tr[key as MessageKey]));
  // A few words are the same in both (Saxla, Mağazalar, Ayarlar); whole sentences never are.
  assert.ok(same.length <= 10, `tr copies az in ${same.join(', ')}`);
});
