// A request's id reaches the SMS it causes (sms_outbox.request_id), and a job pass's id the SMS
// the pass writes; work outside both writes none.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';
import { sameOriginHeaders } from '../helpers/customers.ts';
import { msisdnFor } from '../helpers/factories.ts';
import { provisionLines } from '../../src/services/provision-lines.ts';
import { policy, iccidFor } from '../helpers/factories.ts';
import { enqueueSms } from '../../src/services/enqueue-sms.ts';
import { newJobRunId, runWithRequestId } from '../../src/request-context.ts';
import type { Msisdn } from '../../src/domain/msisdn.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
  await provisionLines({ db: t.db, policy, now: t.clock.now }, [{ row: 1, msisdn: msisdnFor(71), iccid: iccidFor(71), balance: 500, validUntil: '2027-01-31', language: 'en' }]);
});
after(async () => { await t.close(); });

test('the code SMS of a sign-up carries the id of the request that asked for it', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: { ...sameOriginHeaders, 'x-request-id': 'req-test-0001' }, payload: { phone: msisdnFor(71), language: 'en' } });
  assert.equal(res.statusCode, 202);
  const rows = await t.db.query<{ request_id: string | null }>(`select request_id from sms_outbox where msisdn = $1 and kind = 'otp'`, [msisdnFor(71)]);
  assert.deepEqual(rows, [{ request_id: 'req-test-0001' }]);
});

test('an SMS written in a job pass carries the pass id; one written outside any carries none', async () => {
  const jobId = newJobRunId('lifecycle sweep');
  assert.match(jobId, /^lifecycle-sweep:[0-9a-f-]{36}$/);
  await runWithRequestId(jobId, () => t.db.tx((sql) => enqueueSms(sql, { msisdn: msisdnFor(71) as Msisdn, kind: 'reminder', language: 'en', text: 'in a pass', dedupeKey: 'rid-1' }, t.clock.now())));
  await t.db.tx((sql) => enqueueSms(sql, { msisdn: msisdnFor(71) as Msisdn, kind: 'reminder', language: 'en', text: 'outside', dedupeKey: 'rid-2' }, t.clock.now()));
  const rows = await t.db.query<{ dedupe_key: string; request_id: string | null }>(`select dedupe_key, request_id from sms_outbox where dedupe_key like 'rid-%' order by dedupe_key`);
  assert.deepEqual(rows, [{ dedupe_key: 'rid-1', request_id: jobId }, { dedupe_key: 'rid-2', request_id: null }]);
});

test('an id that is not safe to write into SQL is never handed to the database', async () => {
  await runWithRequestId("x'); drop table lines; --", () => t.db.tx((sql) => enqueueSms(sql, { msisdn: msisdnFor(71) as Msisdn, kind: 'reminder', language: 'en', text: 'odd id', dedupeKey: 'rid-3' }, t.clock.now())));
  const rows = await t.db.query<{ request_id: string | null }>(`select request_id from sms_outbox where dedupe_key = 'rid-3'`);
  assert.deepEqual(rows, [{ request_id: null }]);
  assert.equal((await t.db.query('select 1 from lines limit 1')).length, 1);
});
