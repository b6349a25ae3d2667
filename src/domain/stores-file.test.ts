import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainError } from './errors.ts';
import { parsePhoneNumber } from './phone-number.ts';
import { parseStoresCsv } from './stores-file.ts';

const header = 'id,code,name,city,address,phone,lat,lng,hours,counters';
const good = 'baku-test,bt1,Saxla Test,Baku,"1 Test Street, Baku",012 400 00 00,40.38,49.85,mon-fri 09:00-18:00,2';

function refusal(csv: string): DomainError {
  try {
    parseStoresCsv(csv, { demo: false });
  } catch (error) {
    return error as DomainError;
  }
  assert.fail('the file was accepted');
}

test('a store phone may be a landline; it is kept in E.164', () => {
  assert.equal(parsePhoneNumber('012 400 00 00'), '+994124000000');
  assert.equal(parsePhoneNumber('+994 50 123 45 67'), '+994501234567');
  assert.equal(parsePhoneNumber('00994124000000'), '+994124000000');
  for (const bad of ['', 'call us', '+99412400', '+994 00 000 00 00']) assert.throws(() => parsePhoneNumber(bad), { code: 'VALIDATION_FAILED' }, bad);
});

test('one name for every language, defaults for slots, services and active', () => {
  const [row] = parseStoresCsv(`${header}\n${good}\n`, { demo: false });
  assert.equal(row?.line, 2);
  assert.equal(row?.active, true);
  assert.deepEqual(row?.store, {
    id: 'baku-test', code: 'BT1', names: { az: 'Saxla Test', en: 'Saxla Test', ru: 'Saxla Test' },
    addresses: { az: '1 Test Street, Baku', en: '1 Test Street, Baku', ru: '1 Test Street, Baku' }, city: 'Baku',
    phone: '+994124000000', lat: 40.38, lng: 49.85, services: ['renewal', 'restore', 'new_line', 'other'], demo: false,
    schedule: {
      hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
      holidays: [], counters: 2, slotMinutes: 30,
    },
  });
});

test('per-language names, holidays, services, slot length and active from their columns; # lines are comments', () => {
  const csv = 'ID,Code,Name,Name_RU,City,Address,Phone,Latitude,Longitude,Hours,Desks,Slot minutes,Services,Holidays,Active\n'
    + '# closed for works\n'
    + 'x-1,X1,Saxla X,Сакла X,Ganja,Main St 1,+994222000001,40.68,46.36,sat 10:00-14:00,1,15,renewal restore,2027-01-02 2026-12-31,no\n';
  const [row] = parseStoresCsv(csv, { demo: true });
  assert.equal(row?.line, 3);
  assert.deepEqual(row?.store.names, { az: 'Saxla X', en: 'Saxla X', ru: 'Сакла X' });
  assert.deepEqual(row?.store.schedule.holidays, ['2026-12-31', '2027-01-02']);
  assert.deepEqual(row?.store.services, ['renewal', 'restore']);
  assert.equal(row?.store.schedule.slotMinutes, 15);
  assert.equal(row?.store.demo, true);
  assert.equal(row?.active, false);
});

test('every bad cell is reported with its line and column, and nothing is returned', () => {
  const e = refusal(`${header}\n${good}\n`
    + 'Bad Id,TOOLONGCODE,,Baku,Somewhere,12345,91,49.85,mon 18:00-09:00,0\n'
    + 'baku-test,BT1,Dup,Baku,Somewhere,+994124000001,40,49,mon 09:00-10:00,1\n');
  assert.equal(e.code, 'CSV_INVALID');
  const messages = e.details.map((d) => d.message);
  for (const expected of [/^line 3, id:/, /^line 3, code:/, /^line 3, name_az:/, /^line 3, phone:/, /^line 3, lat:/, /^line 3, hours: mon:/, /^line 3, counters:/,
    /^line 4, id: baku-test is also on line 2/, /^line 4, code: BT1 is also on line 2/]) {
    assert.ok(messages.some((m) => expected.test(m)), `${expected} in ${messages.join(' | ')}`);
  }
  assert.ok(e.details.every((d) => d.row === 3 || d.row === 4));
  assert.match(e.message, /^line 3, id: .* \(and \d+ more\)$/);
});

test('a broken header or file is refused before any line', () => {
  assert.match(refusal('').message, /empty/);
  assert.match(refusal(`${header}\n`).message, /no stores/);
  assert.match(refusal(`${header},colour\n${good},red\n`).message, /^line 1: unknown column "colour"/);
  assert.match(refusal('id,code,city,phone,lat,lng,hours,counters,name_az\nx,X,Baku,+994124000000,40,49,mon 09:00-10:00,1,X\n').message, /line 1: the header needs "name" \(every language\) or "name_en", "name_ru"/);
  assert.match(refusal(`${header}\n${good},extra\n`).message, /cannot be read/);
});
