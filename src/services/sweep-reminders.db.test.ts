// Reminders and stage notices written by the sweep: which milestone, once, in whose language,
// after quiet hours. On PGlite and (SAXLA_TEST_DB=postgres) on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, parseInstant, type IsoDate } from '../domain/calendar.ts';
import type { Locale } from '../domain/money.ts';
import { DEFAULT_RETRY_POLICY } from '../domain/sms-delivery.ts';
import { smsPartsFor } from '../domain/sms-encoding.ts';
import { iccidFor, msisdnFor, policy } from '../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { enqueueSms } from './enqueue-sms.ts';
import { provisionLines } from './provision-lines.ts';
import { claimOutboxSms } from './send-outbox.ts';
import { sweepLifecycle } from './sweep-lifecycle.ts';

const TODAY = '2026-06-01' as IsoDate;
const NOON = parseInstant('2026-06-01T12:00:00+04:00');
const day = (offset: number): IsoDate => addDays(TODAY, offset);
const noonOf = (offset: number) => parseInstant(`${day(offset)}T12:00:00+04:00`);

describe('reminders and lifecycle notices from the sweep', () => {
  let t: TestDatabase;
  let serial = 100;
  before(async () => { t = await openTestDatabase(); });
  after(async () => { await t.close(); });

  async function line(validUntil: IsoDate, language: Locale = 'en', provisionedAt = NOON): Promise<string> {
    serial += 1;
    const msisdn = msisdnFor(serial);
    await provisionLines({ db: t.db, policy, now: () => provisionedAt }, [{ row: 1, msisdn, iccid: iccidFor(serial), balance: 0, validUntil, language }]);
    return msisdn;
  }

  async function keys(msisdn: string): Promise<string[]> {
    const rows = await t.db.query<{ dedupe_key: string }>('select dedupe_key from sms_outbox where msisdn = $1 order by id', [msisdn]);
    return rows.map((r) => r.dedupe_key);
  }

  async function bodyOf(key: string): Promise<{ body: string; kind: string; language: string; not_before: Date; check_code: string }> {
    const [row] = await t.db.query<{ body: string; kind: string; language: string; not_before: Date; check_code: string }>(
      'select body, kind, language, not_before, check_code from sms_outbox where dedupe_key = $1', [key],
    );
    assert.ok(row, `no SMS ${key}`);
    return row;
  }

  it('sends the reminder due 30, 7 and 1 days before the end, and on the last day', async () => {
    const in30 = await line(day(30));
    const in7 = await line(day(7));
    const in1 = await line(day(1));
    const last = await line(day(0));
    const in31 = await line(day(31));
    const result = await sweepLifecycle({ db: t.db, policy }, NOON);
    assert.ok(result.reminders >= 4);
    assert.deepEqual(await keys(in30), [`reminder:${in30}:${day(30)}:30`]);
    assert.deepEqual(await keys(in7), [`reminder:${in7}:${day(7)}:7`]);
    assert.deepEqual(await keys(in1), [`reminder:${in1}:${day(1)}:1`]);
    assert.deepEqual(await keys(last), [`reminder:${last}:${day(0)}:1`]);
    assert.deepEqual(await keys(in31), []);
    const sms = await bodyOf(`reminder:${in7}:${day(7)}:7`);
    assert.equal(sms.kind, 'reminder');
    // validity ends 8 June; one-way 30, suspended 60, quarantine 90 days: lost on 6 Dec = 188 days away.
    assert.equal(sms.body, `Saxla: 050 000 01 ${in7.slice(-2)} is valid until 08.06.2026 (8 days left). Renew: *101# or a Saxla store. Number can be lost in 188 days.\nCheck code: ${sms.check_code}`);
  });

  it('writes each milestone once, however often the sweep runs, and the next one when it is due', async () => {
    const soon = await line(day(8));
    await sweepLifecycle({ db: t.db, policy }, NOON);
    await sweepLifecycle({ db: t.db, policy }, NOON);
    assert.deepEqual(await keys(soon), [`reminder:${soon}:${day(8)}:30`]);
    await sweepLifecycle({ db: t.db, policy }, noonOf(1));
    await sweepLifecycle({ db: t.db, policy }, noonOf(2));
    assert.deepEqual(await keys(soon), [`reminder:${soon}:${day(8)}:30`, `reminder:${soon}:${day(8)}:7`]);
    await sweepLifecycle({ db: t.db, policy }, noonOf(7));
    await sweepLifecycle({ db: t.db, policy }, noonOf(8));
    assert.deepEqual(await keys(soon), [`reminder:${soon}:${day(8)}:30`, `reminder:${soon}:${day(8)}:7`, `reminder:${soon}:${day(8)}:1`]);
  });

  it('gives a line that joins late only the most urgent milestone due', async () => {
    const joiner = await line(day(3));
    await sweepLifecycle({ db: t.db, policy }, NOON);
    assert.deepEqual(await keys(joiner), [`reminder:${joiner}:${day(3)}:7`], 'not the stale 30-day reminder');
  });

  it('writes a Turkish line its reminder in Turkish: 2 parts at 7 bits with the Turkish tables, 3 in UCS-2 without', async () => {
    const turkish = await line(day(7), 'tr');
    await sweepLifecycle({ db: t.db, policy }, NOON);
    const sms = await bodyOf(`reminder:${turkish}:${day(7)}:7`);
    assert.equal(sms.language, 'tr');
    assert.equal(sms.body, `Saxla: 050 000 01 ${turkish.slice(-2)} numarası 08.06.2026 tarihine kadar geçerli (8 gün kaldı). Uzatmak için: *101# ya da Saxla mağazası. Numara 188 gün sonra kaybedilebilir.\nKontrol kodu: ${sms.check_code}`);
    assert.deepEqual(smsPartsFor(sms.body, { nationalLanguageTables: [] }), { encoding: 'ucs2', parts: 3, charactersPerPart: 67 });
    assert.deepEqual(smsPartsFor(sms.body, { nationalLanguageTables: ['tr'] }),
      { encoding: 'gsm7', parts: 2, charactersPerPart: 149, nationalTables: { locking: undefined, single: 'tr' } });
  });

  it('sends the notice of the stage a line enters, with the countdown, and only the latest stage for a line far behind', async () => {
    const ended = await line(day(5), 'ru');
    const far = await line(day(40));
    const gone = await line(day(40));
    // Validity ended yesterday: one-way today.
    await sweepLifecycle({ db: t.db, policy }, noonOf(6));
    const oneWay = `notice:${ended}:${day(5)}:one_way`;
    assert.deepEqual((await keys(ended)).at(-1), oneWay);
    const notice = await bodyOf(oneWay);
    assert.equal(notice.kind, 'lifecycle_notice');
    assert.equal(notice.language, 'ru');
    assert.match(notice.body, /только принимает звонки.*дней: 180\./s);
    // Not swept for 100 days after its end: straight to quarantine, one notice, not three.
    await sweepLifecycle({ db: t.db, policy }, noonOf(141));
    assert.equal((await t.db.query<{ status: string }>('select status from lines where msisdn = $1', [far]))[0]?.status, 'quarantine');
    const farKeys = await keys(far);
    assert.deepEqual(farKeys.filter((k) => k.startsWith('notice:')), [`notice:${far}:${day(40)}:quarantine`]);
    assert.match((await bodyOf(`notice:${far}:${day(40)}:quarantine`)).body, /within 80 days/);
    // A recyclable number gets nothing: it is no longer the customer's.
    await sweepLifecycle({ db: t.db, policy }, noonOf(300));
    assert.deepEqual((await keys(gone)).filter((k) => k.includes('recyclable')), []);
  });

  it('sends a line provisioned straight into a later stage the notice of that stage', async () => {
    const provisionedAt = noonOf(0);
    const suspendedLine = await line(day(-40), 'az', provisionedAt);
    await sweepLifecycle({ db: t.db, policy }, noonOf(1));
    assert.deepEqual(await keys(suspendedLine), [`notice:${suspendedLine}:${day(-40)}:suspended`]);
    assert.match((await bodyOf(`notice:${suspendedLine}:${day(-40)}:suspended`)).body, /dayandırılıb/);
  });

  it('holds reminders back over quiet hours (22:00–09:00 Baku) but never a one-time code', async () => {
    const late = await line(day(37));
    const at = parseInstant(`${day(7)}T23:30:00+04:00`);
    await sweepLifecycle({ db: t.db, policy }, at);
    const reminder = await bodyOf(`reminder:${late}:${day(37)}:30`);
    const otp = await t.db.tx((sql) => enqueueSms(sql, { msisdn: late as never, kind: 'otp', language: 'en', text: 'Saxla code: 123456.' }, at));
    assert.ok(otp);
    // The outbox claims at 23:30: the code goes, the reminder waits for 09:00 in Baku the next morning
    // (every kind and setting: sms-quiet-hours.db.test.ts).
    const claimed = await claimOutboxSms({ db: t.db, retry: DEFAULT_RETRY_POLICY }, 'test', at, 60_000, 10_000);
    assert.ok(claimed.some((c) => c.id === otp.id));
    assert.ok(!claimed.some((c) => c.kind === 'reminder' && c.msisdn === late));
    const [row] = await t.db.query<{ not_before: Date }>('select not_before from sms_outbox where dedupe_key = $1', [`reminder:${late}:${day(37)}:30`]);
    assert.equal(row?.not_before.toISOString(), `${day(8)}T05:00:00.000Z`);
    assert.equal(reminder.kind, 'reminder');
  });

  it('gives every message its own check code', async () => {
    const rows = await t.db.query<{ n: number; codes: number }>('select count(*)::int8 as n, count(distinct (msisdn, check_code))::int8 as codes from sms_outbox');
    assert.ok((rows[0]?.n ?? 0) > 10);
    assert.equal(rows[0]?.codes, rows[0]?.n);
  });
});
