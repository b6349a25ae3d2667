// GET /api/v1/messages/check and the demo phone, through buildApp with inject().
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createSmscSimulator, type SmscSimulator } from '../../sms/smsc-simulator.ts';
import { createSmppClient, type SmppClient } from '../../sms/smpp-client.ts';
import type { Msisdn } from '../../../domain/msisdn.ts';
import { enqueueSms } from '../../../services/enqueue-sms.ts';
import { createSmsOutboxWorker } from '../../../jobs/sms-outbox-worker.ts';
import { smsOutboxSteps } from '../../../services/send-outbox.ts';
import { openTestDatabase, type TestDatabase } from '../../../../test/helpers/database.ts';
import { fixedClock, policy } from '../../../../test/helpers/factories.ts';
import { ADMIN_TOKEN, buildAppOn, TEST_SECRET } from '../../../../test/helpers/test-app.ts';

const NUMBER = '+994557000001' as Msisdn;

describe('message check and demo phone', { timeout: 30_000 }, () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let sim: SmscSimulator;
  let client: SmppClient;
  const clock = fixedClock('2026-11-26T10:00:00+04:00');
  let sentCode = '';
  let queuedCode = '';

  before(async () => {
    t = await openTestDatabase();
    sim = createSmscSimulator({ receiptDelayMs: 5 });
    const port = await sim.listen(0);
    client = createSmppClient({ url: `smpp://saxla:secret@127.0.0.1:${port}` });
    app = await buildAppOn({ db: t.db, policy, now: clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, demoPhone: sim });
    const sent = await t.db.tx((sql) => enqueueSms(sql, { msisdn: NUMBER, kind: 'payment_confirmation', language: 'en', text: 'Saxla: payment of 12.50 AZN received <b>&"\'' }, clock.now()));
    assert.ok(sent);
    sentCode = sent.checkCode;
    await createSmsOutboxWorker({ outbox: smsOutboxSteps({ db: t.db }), transport: client, now: clock.now, sender: 'Saxla' }).runOnce();
    // Queued after the worker ran: not sent yet, so not genuine yet.
    const queued = await t.db.tx((sql) => enqueueSms(sql, { msisdn: NUMBER, kind: 'reminder', language: 'en', text: 'Saxla: reminder' }, clock.now()));
    assert.ok(queued);
    queuedCode = queued.checkCode;
  });

  after(async () => {
    await app.close();
    await client.close();
    await sim.close();
    await t.close();
  });

  const check = (msisdn: string, code: string, remoteAddress = '203.0.113.9') =>
    app.inject({ method: 'GET', url: `/api/v1/messages/check?msisdn=${encodeURIComponent(msisdn)}&code=${encodeURIComponent(code)}`, remoteAddress });

  it('says genuine for a message Saxla sent to that number, with when and what', async () => {
    const res = await check(NUMBER, sentCode);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { genuine: true, sentAt: '2026-11-26T10:00:00+04:00', kind: 'payment_confirmation' });
    // Typed the way people type: national number, lower case, a space.
    const typed = await check('055 700 00 01', `${sentCode.slice(0, 3).toLowerCase()} ${sentCode.slice(3)}`);
    assert.equal(typed.json().genuine, true);
  });

  it('says not genuine for another number, an unknown code, or a message not sent yet', async () => {
    assert.deepEqual((await check('+994557000002', sentCode)).json(), { genuine: false });
    const other = sentCode === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF';
    assert.deepEqual((await check(NUMBER, other)).json(), { genuine: false });
    assert.deepEqual((await check(NUMBER, queuedCode)).json(), { genuine: false });
  });

  it('refuses a malformed number or code with problem+json 400', async () => {
    for (const [msisdn, code] of [['12345', sentCode], ['+14155550123', sentCode], [NUMBER, '123456'], [NUMBER, 'ABC'], [NUMBER, 'ABCDE0']]) {
      const res = await check(msisdn ?? '', code ?? '');
      assert.equal(res.statusCode, 400, `${msisdn} ${code}`);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
    const missing = await app.inject({ method: 'GET', url: '/api/v1/messages/check?msisdn=0557000001' });
    assert.equal(missing.statusCode, 400);
  });

  it('limits checks per number more strictly than per address (carrier NAT)', async () => {
    const target = '+994557000077';
    let limited = 0;
    for (let i = 0; i < 31; i += 1) {
      // A different address each time: only the per-number limit can stop this.
      const res = await check(target, 'ABCDEF', `198.51.100.${i + 1}`);
      if (res.statusCode === 429) limited += 1;
    }
    assert.equal(limited, 1, 'the 31st check of one number within the hour is refused');
    const refused = await check(target, 'ABCDEF', '198.51.100.200');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().code, 'RATE_LIMITED');
    assert.equal(refused.headers['retry-after'], '3600');
    // Many numbers from one shared address still pass.
    for (let i = 0; i < 40; i += 1) {
      assert.equal((await check(`+99455710${String(i).padStart(4, '0')}`, 'ABCDEF', '192.0.2.1')).statusCode, 200);
    }
    clock.advanceMs(3_600_000);
    assert.equal((await check(target, 'ABCDEF', '198.51.100.201')).statusCode, 200, 'a new hour, a new window');
  });

  it('shows what each number received on the demo phone, newest first, escaping everything', async () => {
    const second = await client.submit({ destination: NUMBER, text: 'second <script>alert(1)</script>' });
    assert.equal(second.segments, 1);
    const json = await app.inject({ method: 'GET', url: `/api/v1/demo-phone/messages?msisdn=${encodeURIComponent('0557000001')}` });
    assert.equal(json.statusCode, 200);
    const items = json.json().items as { msisdn: string; text: string; source: string }[];
    assert.equal(items.length, 2);
    assert.equal(items[0]?.text, 'second <script>alert(1)</script>');
    assert.match(items[1]?.text ?? '', new RegExp(`received <b>&"'\\nCheck code: ${sentCode}$`));
    assert.equal(items[1]?.source, 'Saxla');
    assert.equal(items[1]?.msisdn, NUMBER);
    const all = await app.inject({ method: 'GET', url: '/api/v1/demo-phone/messages' });
    assert.ok((all.json().items as unknown[]).length >= 2);

    const page = await app.inject({ method: 'GET', url: `/demo-phone?msisdn=${encodeURIComponent(NUMBER)}&lang=az` });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /<html lang="az">/);
    assert.match(page.body, /<label for="msisdn">Telefon nömrəsi<\/label>/);
    assert.ok(page.body.indexOf('second &lt;script&gt;') < page.body.indexOf('received &lt;b&gt;&amp;&quot;&#39;'), 'newest first, escaped');
    assert.doesNotMatch(page.body, /<script>|<b>&/);
    const bad = await app.inject({ method: 'GET', url: `/demo-phone?msisdn=${encodeURIComponent('"><img src=x>')}` });
    assert.equal(bad.statusCode, 200);
    assert.doesNotMatch(bad.body, /<img/);
    assert.match(bad.body, /aria-invalid="true"/);
  });

  it('has no demo phone when no simulator runs', async () => {
    const real = await buildAppOn({ db: t.db, policy, now: clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET });
    assert.equal((await real.inject({ method: 'GET', url: '/demo-phone' })).statusCode, 404);
    assert.equal((await real.inject({ method: 'GET', url: '/api/v1/demo-phone/messages' })).statusCode, 404);
    await real.close();
  });
});
