// What an SMS costs, and the Latin-letters choice for Azerbaijani SMS: stored on the line, only by
// an account holding it, validated, and applied to every Azerbaijani SMS that line is sent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chooseEncoding } from '../../../domain/sms-encoding.ts';
import { DEFAULT_RETRY_POLICY } from '../../../domain/sms-delivery.ts';
import { claimOutboxSms } from '../../../services/send-outbox.ts';
import { sweepLifecycle } from '../../../services/sweep-lifecycle.ts';
import { cookieHeader, customerHeaders, provisionTestLine, registerCustomer, signUpCustomer } from '../../../../test/helpers/customers.ts';
import { msisdnFor, policy } from '../../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
let alice = '';
let bob = '';
const [A, B, PLAIN] = [msisdnFor(1), msisdnFor(2), msisdnFor(3)];
const options = (msisdn: string): string => `/api/v1/lines/${encodeURIComponent(msisdn)}/sms-options`;

before(async () => {
  t = await buildTestApp();
  await provisionTestLine(t, A, 1, { language: 'az' });
  alice = await registerCustomer(t, A);
  // Signing up sets the line's SMS language to the one chosen (English here): back to Azerbaijani.
  const az = await t.app.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(A)}/language`, headers: customerHeaders(alice), payload: { language: 'az' } });
  assert.ok(az.statusCode < 300, az.body);
  bob = await signUpCustomer(t, B, 2);
  await provisionTestLine(t, PLAIN, 3, { language: 'az' });
});
after(async () => { await t.close(); });

const put = (url: string, token: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url, headers: customerHeaders(token), payload });

describe('what an SMS costs', () => {
  test('public: the parts of a typical reminder per language, and Azerbaijani in Latin letters as one part', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sms-cost' });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { language: string; script: string; parts: number; encoding: string }[];
    assert.deepEqual(items.map((i) => `${i.language}/${i.script}:${i.parts}`), ['az/native:3', 'en/native:1', 'ru/native:3', 'zh/native:2', 'tr/native:3', 'az/latin:1']);
  });
});

describe('Azerbaijani SMS in Latin letters', () => {
  test('off by default; the holder turns it on; a bad body is a 400 and changes nothing', async () => {
    const first = await t.app.inject({ method: 'GET', url: options(A), headers: cookieHeader(alice) });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { msisdn: A, language: 'az', azLatin: false });
    for (const bad of [{ azLatin: 'yes' }, {}, { azLatin: true, extra: 1 }]) {
      const refused = await put(options(A), alice, bad);
      assert.equal(refused.statusCode, 400, JSON.stringify(bad));
    }
    assert.equal((await t.app.inject({ method: 'GET', url: options(A), headers: cookieHeader(alice) })).json().azLatin, false);
    const on = await put(options('0500000001'), alice, { azLatin: true });
    assert.equal(on.statusCode, 200, on.body);
    assert.deepEqual(on.json(), { msisdn: A, language: 'az', azLatin: true });
  });

  test('another account\'s line, or no session, changes nothing', async () => {
    assert.equal((await put(options(A), bob, { azLatin: false })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: options(A), headers: cookieHeader(bob) })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'PUT', url: options(A), payload: { azLatin: false } })).statusCode, 401);
    const [row] = await t.db.query<{ az_sms_latin: boolean }>('select az_sms_latin from lines where msisdn = $1', [A]);
    assert.equal(row?.az_sms_latin, true);
  });

  test('the opted-in line\'s reminder leaves as one GSM 7-bit part; a line that did not opt in keeps ə', async () => {
    // Both lines are valid until 20 December: on 26 November the 30-day reminder is due.
    await sweepLifecycle({ db: t.db, policy }, t.clock.now());
    const claims = await claimOutboxSms({ db: t.db, retry: DEFAULT_RETRY_POLICY }, 'test', t.clock.now(), 60_000, 1000);
    const reminderTo = (msisdn: string) => claims.find((c) => c.msisdn === msisdn && c.kind === 'reminder');
    const latin = reminderTo(A);
    assert.ok(latin);
    assert.match(latin.body, /^Saxla: 050 000 00 01 20\.12\.2026-dek aktivdir \(25 gün qalib\)\. Yenileyin: \*101# ve ya Saxla magazasi\./);
    assert.doesNotMatch(latin.body, /[əƏşŞçÇğĞıİ]/u);
    const encoding = chooseEncoding(latin.body);
    assert.deepEqual([encoding.encoding, encoding.segments], ['gsm7', 1]);
    // The record shows what was sent.
    const [stored] = await t.db.query<{ body: string }>('select body from sms_outbox where id = $1', [latin.id]);
    assert.equal(stored?.body, latin.body);
    const native = reminderTo(PLAIN);
    assert.ok(native);
    assert.match(native.body, /tarixinədək|-dək aktivdir/);
    assert.deepEqual([chooseEncoding(native.body).encoding, chooseEncoding(native.body).segments], ['ucs2', 3]);
  });
});
