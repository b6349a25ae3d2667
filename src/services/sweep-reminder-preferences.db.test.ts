// The sweep honours reminder choices: a milestone is skipped only when every account holding the
// line turned it off; a line on no account (or only on detached links) gets everything.
// On PGlite and (SAXLA_TEST_DB=postgres) on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, parseInstant, type IsoDate } from '../domain/calendar.ts';
import { DEFAULT_CUSTOMER_SETTINGS, type ReminderPreferences } from '../domain/customer-settings.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { insertCustomer, insertCustomerLine } from '../db/account-repository.ts';
import { saveCustomerSettings } from '../db/customer-settings-repository.ts';
import { iccidFor, msisdnFor, policy } from '../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { detachReassignedLines } from './detach-reassigned-lines.ts';
import { provisionLines } from './provision-lines.ts';
import { sweepLifecycle } from './sweep-lifecycle.ts';

const TODAY = '2026-06-01' as IsoDate;
const NOON = parseInstant('2026-06-01T12:00:00+04:00');
const day = (offset: number): IsoDate => addDays(TODAY, offset);
const at = new Date(NOON);
const on = DEFAULT_CUSTOMER_SETTINGS.reminders;

describe('reminder choices in the sweep', () => {
  let t: TestDatabase;
  let serial = 500;
  before(async () => { t = await openTestDatabase(); });
  after(async () => { await t.close(); });

  async function line(validUntil: IsoDate): Promise<string> {
    serial += 1;
    const msisdn = msisdnFor(serial);
    await provisionLines({ db: t.db, policy, now: () => NOON }, [{ row: 1, msisdn, iccid: iccidFor(serial), balance: 0, validUntil, language: 'en' }]);
    return msisdn;
  }

  /** An account holding these lines; `reminders` undefined keeps the defaults (no settings row). */
  async function account(lines: readonly string[], reminders?: Partial<ReminderPreferences>): Promise<string> {
    return t.db.tx(async (sql) => {
      const id = await insertCustomer(sql, 'argon2id-placeholder', 'en', at);
      for (const m of lines) await insertCustomerLine(sql, id, trustedMsisdn(m), false, at);
      if (reminders) await saveCustomerSettings(sql, id, { reminders: { ...on, ...reminders }, email: null }, at);
      return id;
    });
  }

  async function keys(msisdn: string): Promise<string[]> {
    return (await t.db.query<{ dedupe_key: string }>('select dedupe_key from sms_outbox where msisdn = $1 order by id', [msisdn])).map((r) => r.dedupe_key);
  }

  it('skips a reminder only when every holder turned it off', async () => {
    const alone = await line(day(7));
    const shared = await line(day(7));
    const bothOff = await line(day(7));
    const otherKind = await line(day(30));
    const noAccount = await line(day(7));
    const offId = await account([alone, shared, bothOff, otherKind], { daysOff: [7] });
    await account([shared]); // defaults: wants everything
    await account([bothOff], { daysOff: [7], stageNotices: false });
    await sweepLifecycle({ db: t.db, policy }, NOON);
    assert.deepEqual(await keys(alone), []);
    assert.deepEqual(await keys(shared), [`reminder:${shared}:${day(7)}:7`]);
    assert.deepEqual(await keys(bothOff), []);
    assert.deepEqual(await keys(otherKind), [`reminder:${otherKind}:${day(30)}:30`], 'only the reminder turned off is skipped');
    assert.deepEqual(await keys(noAccount), [`reminder:${noAccount}:${day(7)}:7`]);

    // Turned back on before the milestone passes: the next sweep sends it.
    await t.db.tx((sql) => saveCustomerSettings(sql, offId, { reminders: on, email: null }, at));
    await sweepLifecycle({ db: t.db, policy }, NOON);
    assert.deepEqual(await keys(alone), [`reminder:${alone}:${day(7)}:7`]);
  });

  it('stage notices follow their own choice; detached links no longer count', async () => {
    const quiet = await line(day(5));
    const former = await line(day(5));
    await account([quiet], { stageNotices: false, daysOff: [1, 7] });
    await account([former], { stageNotices: false, daysOff: [1, 7] });
    await t.db.tx((sql) => detachReassignedLines(sql, [former], NOON));
    // Validity ended the day before: one-way on day 6.
    await sweepLifecycle({ db: t.db, policy }, parseInstant(`${day(6)}T12:00:00+04:00`));
    assert.deepEqual(await keys(quiet), []);
    assert.deepEqual((await keys(former)).at(-1), `notice:${former}:${day(5)}:one_way`, 'the old owner\'s choice left with the number');
    const [status] = await t.db.query<{ status: string }>('select status from lines where msisdn = $1', [quiet]);
    assert.equal(status?.status, 'one_way', 'the stage still moves; only the SMS is left out');
  });

  it('milestones are the policy\'s: other reminder days, and opt-outs kept per day', async () => {
    const fortnight = { ...policy, version: 'fortnight', reminderDays: [14, 3] };
    const optedOut = await line(day(14));
    const wanted = await line(day(13));
    const soon = await line(day(3));
    await account([optedOut, wanted, soon], { daysOff: [14] });
    await sweepLifecycle({ db: t.db, policy: fortnight }, NOON);
    assert.deepEqual(await keys(optedOut), []);
    assert.deepEqual(await keys(wanted), [], '13 days before: the 14-day reminder is the one due, and it is off');
    assert.deepEqual(await keys(soon), [`reminder:${soon}:${day(3)}:3`]);
  });
});
