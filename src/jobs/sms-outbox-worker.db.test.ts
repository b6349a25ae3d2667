// The outbox worker end to end: the database (PGlite, or PostgreSQL with SAXLA_TEST_DB=postgres),
// the real SMPP client and the in-process SMSC over TCP on 127.0.0.1.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSmscSimulator, type SmscSimulator } from '../channels/sms/smsc-simulator.ts';
import { createSmppClient, type SmppClient, type SmppClientOptions } from '../channels/sms/smpp-client.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { SmsKind } from '../domain/sms-templates.ts';
import { enqueueSms } from '../services/enqueue-sms.ts';
import { claimOutboxSms, recordSmsSubmittedMany, smsOutboxSteps } from '../services/send-outbox.ts';
import { recordDeliveryReceipts } from '../services/record-delivery-receipt.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { fixedClock } from '../../test/helpers/factories.ts';
import { createSmsOutboxWorker, type SmsOutboxWorker, type SmsOutboxWorkerOptions, type WorkerLogger } from './sms-outbox-worker.ts';

const retry = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };
const LEASE_MS = 60_000;

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 4000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!await check()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SMS outbox worker → SMSC simulator over TCP', { timeout: 60_000 }, () => {
  let t: TestDatabase;
  let sim: SmscSimulator;
  let port: number;
  let serial = 0;
  const clock = fixedClock('2026-11-26T10:00:00+04:00');
  const clients: SmppClient[] = [];
  const workers: SmsOutboxWorker[] = [];
  const logged: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const logger: WorkerLogger = {
    info: (fields, message) => { logged.push({ level: 'info', fields: fields as Record<string, unknown>, ...(message ? { message } : {}) }); },
    warn: (fields, message) => { logged.push({ level: 'warn', fields: fields as Record<string, unknown>, ...(message ? { message } : {}) }); },
    error: (fields, message) => { logged.push({ level: 'error', fields: fields as Record<string, unknown>, ...(message ? { message } : {}) }); },
  };

  before(async () => { t = await openTestDatabase(); });
  after(async () => { await t.close(); });

  beforeEach(async () => {
    sim = createSmscSimulator({ receiptDelayMs: 5 });
    port = await sim.listen(0);
    logged.length = 0;
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim.close();
  });

  function connect(extra: Partial<SmppClientOptions> = {}): SmppClient {
    const client = createSmppClient({
      url: `smpp://saxla:secret@127.0.0.1:${port}`, reconnectMinMs: 20, reconnectMaxMs: 100, throttleMinMs: 5, throttleMaxMs: 20,
      onReceipt: (receipt) => recordDeliveryReceipts({ db: t.db }, [receipt], clock.now()).then(() => undefined),
      ...extra,
    });
    clients.push(client);
    return client;
  }

  function worker(transport: SmppClient, extra: Partial<SmsOutboxWorkerOptions> = {}): SmsOutboxWorker {
    const w = createSmsOutboxWorker({ outbox: smsOutboxSteps({ db: t.db, retry }), transport, now: clock.now, sender: 'Saxla', logger, leaseMs: LEASE_MS, ...extra });
    workers.push(w);
    return w;
  }

  function nextMsisdn(): Msisdn {
    serial += 1;
    return `+9945530${String(serial).padStart(5, '0')}` as Msisdn;
  }

  async function enqueue(msisdn: Msisdn, text: string, kind: SmsKind = 'payment_confirmation', language: 'en' | 'az' = 'en'): Promise<number> {
    const written = await t.db.tx((sql) => enqueueSms(sql, { msisdn, kind, language, text }, clock.now()));
    assert.ok(written);
    return written.id;
  }

  async function row(id: number): Promise<{ status: string; body: string; attempts: number; smsc_message_ids: string[]; segments: number | null; last_error: string | null; not_before: Date; check_code: string }> {
    const [r] = await t.db.query<{ status: string; body: string; attempts: number; smsc_message_ids: string[]; segments: number | null; last_error: string | null; not_before: Date; check_code: string }>(
      'select status, body, attempts, smsc_message_ids, segments, last_error, not_before, check_code from sms_outbox where id = $1', [id],
    );
    assert.ok(r, `outbox row ${id}`);
    return r;
  }

  it('sends a queued message, records its ids, and marks it delivered when the receipt comes', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla: payment of 12.50 AZN received for order ord_1.');
    const result = await worker(connect()).runOnce();
    assert.equal(result.submitted, 1);
    const [received] = sim.messagesFor(msisdn);
    const sent = await row(id);
    assert.equal(received?.text, sent.body, 'the SMSC got exactly the stored text');
    assert.equal(received?.source, 'Saxla');
    assert.match(received?.text ?? '', new RegExp(`Check code: ${sent.check_code}$`));
    assert.deepEqual(sent.smsc_message_ids, received?.messageIds);
    assert.equal(sent.segments, 1);
    await waitFor(async () => (await row(id)).status === 'delivered', 'the delivery receipt');
  });

  it('counts a long Azerbaijani text delivered only when every part is', async () => {
    const msisdn = nextMsisdn();
    const text = 'Saxla: nömrənizin etibarlılıq müddəti bitir. Saxlamaq üçün yeniləyin: *101# yığın. Nömrənin itirilməsinə 187 gün qalıb.';
    const id = await enqueue(msisdn, text, 'reminder', 'az');
    await t.db.query('update sms_outbox set not_before = $2 where id = $1', [id, new Date(clock.now())]);
    await worker(connect()).runOnce();
    const sent = await row(id);
    assert.equal(sent.segments, 3);
    assert.equal(sim.messagesFor(msisdn)[0]?.dataCoding, 8);
    await waitFor(async () => (await row(id)).status === 'delivered', 'all three receipts');
    const [parts] = await t.db.query<{ n: number }>('select count(*)::int8 as n from jsonb_object_keys((select part_receipts from sms_outbox where id = $1))', [id]);
    assert.equal(parts?.n, 3);
  });

  it('marks a message undeliverable when a part fails', async () => {
    const msisdn = nextMsisdn();
    sim.setReceiptStat(msisdn, 'UNDELIV');
    const id = await enqueue(msisdn, 'Saxla: 5.00 AZN added.');
    await worker(connect()).runOnce();
    await waitFor(async () => (await row(id)).status === 'undeliverable', 'the UNDELIV receipt');
    assert.match((await row(id)).last_error ?? '', /^UNDELIV err:001$/);
  });

  it('redacts a one-time code in the table once the SMSC has it, keeping the check code', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla code: 481516. Valid 10 minutes. Never share it: Saxla staff will never ask for it.', 'otp');
    assert.match((await row(id)).body, /481516/);
    await worker(connect()).runOnce();
    const sent = await row(id);
    assert.equal(sent.status, 'submitted');
    assert.doesNotMatch(sent.body, /481516/);
    assert.match(sent.body, /Saxla code: ••••••\. Valid 10 minutes/);
    assert.match(sent.body, new RegExp(`Check code: ${sent.check_code}$`));
    assert.match(sim.messagesFor(msisdn)[0]?.text ?? '', /481516/, 'the customer got the real code');
  });

  it('settles a dead worker\'s claim after its lease: resent once when no ids were recorded', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla: payment received.');
    // A worker claims it and dies before submitting.
    const [claim] = await claimOutboxSms({ db: t.db, retry }, 'dead-worker', clock.now(), LEASE_MS, 10);
    assert.equal(claim?.id, id);
    const w = worker(connect());
    assert.equal((await w.runOnce()).claimed, 0, 'a live lease is respected');
    assert.equal(sim.messagesFor(msisdn).length, 0);
    clock.advanceMs(LEASE_MS + 1);
    const result = await w.runOnce();
    assert.equal(result.submitted, 1);
    assert.equal((await w.runOnce()).claimed, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sim.messagesFor(msisdn).length, 1, 'sent exactly once');
    assert.equal((await row(id)).attempts, 2);
  });

  it('never resends a dead worker\'s claim whose message ids were recorded', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla: payment received.');
    const client = connect();
    const [claim] = await claimOutboxSms({ db: t.db, retry }, 'dead-worker', clock.now(), LEASE_MS, 10);
    assert.ok(claim);
    const sent = await client.submit({ destination: msisdn, text: claim.body });
    // The ids reached the row, then the worker died before the row left 'submitting'.
    await t.db.query('update sms_outbox set smsc_message_ids = $2 where id = $1', [id, sent.messageIds]);
    clock.advanceMs(LEASE_MS + 1);
    const w = worker(client);
    assert.equal((await w.runOnce()).claimed, 0);
    assert.equal((await row(id)).status === 'submitted' || (await row(id)).status === 'delivered', true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sim.messagesFor(msisdn).length, 1);
  });

  it('retries a throttled message with growing waits, then fails it with an alert', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla: payment received.');
    const w = worker(connect({ maxThrottleRetries: 0 }));
    sim.throttleNext(100);
    assert.equal((await w.runOnce()).retried, 1);
    let r = await row(id);
    assert.equal(r.status, 'queued');
    assert.equal(r.not_before.getTime(), clock.now() + 1000);
    assert.match(r.last_error ?? '', /SMPP_SUBMIT_FAILED.*ESME_RTHROTTLED/);
    assert.equal((await w.runOnce()).claimed, 0, 'not due before its backoff');
    clock.advanceMs(1000);
    assert.equal((await w.runOnce()).retried, 1);
    r = await row(id);
    assert.equal(r.not_before.getTime(), clock.now() + 2000, 'the wait doubles');
    clock.advanceMs(2000);
    assert.equal((await w.runOnce()).failed, 1);
    r = await row(id);
    assert.equal(r.status, 'failed');
    assert.equal(r.attempts, 3);
    const alerts = await t.db.query<{ kind: string; detail: { outboxId: number; attempts: number } }>(
      "select kind, detail from operator_alerts where subject = $1", [`sms_outbox:${id}`],
    );
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.detail.attempts, 3);
    const alertLog = logged.find((l) => l.level === 'error' && l.fields.alert === 'sms_failed');
    assert.equal(alertLog?.fields.outboxId, id);
    assert.doesNotMatch(JSON.stringify(logged), /payment received/, 'logs never carry the text');
    assert.equal(sim.messagesFor(msisdn).length, 0);
  });

  it('sends on the next try once throttling stops', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla: payment received.');
    const w = worker(connect({ maxThrottleRetries: 0 }));
    sim.throttleNext(1);
    assert.equal((await w.runOnce()).retried, 1);
    clock.advanceMs(1000);
    assert.equal((await w.runOnce()).submitted, 1);
    assert.equal((await row(id)).status, 'submitted');
    assert.equal(sim.messagesFor(msisdn).length, 1);
  });

  it('puts messages back without spending an attempt when the client closes before sending them', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla: payment received.');
    await sim.close(); // nobody answers: the submit waits for a bind that never comes
    const client = connect({ url: 'smpp://saxla:secret@127.0.0.1:9', reconnectMinMs: 1000 });
    const w = worker(client);
    const pass = w.runOnce();
    await waitFor(async () => (await row(id)).status === 'submitting', 'the claim');
    await client.close();
    assert.equal((await pass).released, 1);
    const r = await row(id);
    assert.equal(r.status, 'queued');
    assert.equal(r.attempts, 0);
    sim = createSmscSimulator({ receiptDelayMs: 5 });
    port = await sim.listen(0);
  });

  it('applies a receipt that overtook the write of its message ids', async () => {
    const msisdn = nextMsisdn();
    const id = await enqueue(msisdn, 'Saxla: payment received.');
    const [claim] = await claimOutboxSms({ db: t.db, retry }, 'w1', clock.now(), LEASE_MS, 10);
    assert.ok(claim);
    assert.deepEqual(await recordDeliveryReceipts({ db: t.db }, [{ messageId: 'EARLY01', stat: 'DELIVRD', error: '000' }], clock.now()), ['waiting']);
    assert.deepEqual(await recordSmsSubmittedMany({ db: t.db, retry }, 'w1', [{ claim, messageIds: ['EARLY01'], segments: 1 }], clock.now()), [true]);
    assert.equal((await row(id)).status, 'delivered');
  });

  it('records a batch of submits at once, and says which claims were taken over meanwhile', async () => {
    const [m1, m2, m3] = [nextMsisdn(), nextMsisdn(), nextMsisdn()];
    const ids = [await enqueue(m1, 'Saxla: one.'), await enqueue(m2, 'Saxla: two.'), await enqueue(m3, 'Saxla: three, in two parts.')];
    const claims = await claimOutboxSms({ db: t.db, retry }, 'w1', clock.now(), LEASE_MS, 10);
    const [c1, c2, c3] = ids.map((id) => claims.find((c) => c.id === id));
    const [id1, id2, id3] = ids;
    assert.ok(c1 && c2 && c3 && id1 !== undefined && id2 !== undefined && id3 !== undefined);
    // Another worker settled the second claim (its lease ran out): this worker no longer holds it.
    await t.db.query("update sms_outbox set lease_owner = 'w2' where id = $1", [id2]);
    // A receipt for the third message's second part came before its ids were written.
    assert.deepEqual(await recordDeliveryReceipts({ db: t.db }, [{ messageId: 'B3-2', stat: 'DELIVRD', error: '000' }], clock.now()), ['waiting']);
    const answers = await recordSmsSubmittedMany({ db: t.db, retry }, 'w1', [
      { claim: c1, messageIds: ['B1'], segments: 1 },
      { claim: c2, messageIds: ['B2'], segments: 1 },
      { claim: c3, messageIds: ['B3-1', 'B3-2'], segments: 2 },
    ], clock.now());
    assert.deepEqual(answers, [true, false, true]);
    assert.deepEqual((await row(id1)).smsc_message_ids, ['B1']);
    assert.equal((await row(id2)).status, 'submitting', 'a claim taken over is left to its new owner');
    const third = await row(id3);
    assert.deepEqual([third.status, third.segments], ['submitted', 2], 'one part of two delivered: not yet delivered');
    // The other part's receipt, the first message's, one for nobody and the same unknown part twice, in one batch.
    assert.deepEqual(await recordDeliveryReceipts({ db: t.db }, [
      { messageId: 'B3-1', stat: 'DELIVRD', error: '000' },
      { messageId: 'B1', msisdn: m1, stat: 'UNDELIV', error: '001' },
      { messageId: 'NOBODY', stat: 'DELIVRD', error: '000' },
      { messageId: 'NOBODY', stat: 'EXPIRED', error: '002' },
    ], clock.now()), ['applied', 'applied', 'waiting', 'waiting']);
    assert.equal((await row(id3)).status, 'delivered', 'both parts delivered');
    assert.equal((await row(id1)).status, 'undeliverable');
    const [parked] = await t.db.query<{ stat: string }>("select stat from sms_unmatched_receipts where message_id = 'NOBODY'");
    assert.equal(parked?.stat, 'EXPIRED', 'the later report of a part is the one kept');
  });

  it('finds a receipt\'s message by number when the SMSC reuses an id', async () => {
    const [older, newer] = [nextMsisdn(), nextMsisdn()];
    const first = await enqueue(older, 'Saxla: older.');
    const second = await enqueue(newer, 'Saxla: newer.');
    const claims = await claimOutboxSms({ db: t.db, retry }, 'w1', clock.now(), LEASE_MS, 10);
    const [a, b] = [claims.find((c) => c.id === first), claims.find((c) => c.id === second)];
    assert.ok(a && b);
    await recordSmsSubmittedMany({ db: t.db, retry }, 'w1', [{ claim: a, messageIds: ['REUSED'], segments: 1 }, { claim: b, messageIds: ['REUSED'], segments: 1 }], clock.now());
    await recordDeliveryReceipts({ db: t.db }, [{ messageId: 'REUSED', msisdn: older, stat: 'DELIVRD', error: '000' }], clock.now());
    assert.deepEqual([(await row(first)).status, (await row(second)).status], ['delivered', 'submitted']);
    // Two receipts with one id in one batch: each goes to the message of its own number.
    const [third, fourth] = [nextMsisdn(), nextMsisdn()];
    const c = await enqueue(third, 'Saxla: third.');
    const d = await enqueue(fourth, 'Saxla: fourth.');
    const more = await claimOutboxSms({ db: t.db, retry }, 'w1', clock.now(), LEASE_MS, 10);
    const claimC = more.find((x) => x.id === c);
    assert.ok(claimC);
    await recordSmsSubmittedMany({ db: t.db, retry }, 'w1', [{ claim: claimC, messageIds: ['TWICE'], segments: 1 }], clock.now());
    assert.deepEqual(await recordDeliveryReceipts({ db: t.db }, [
      { messageId: 'TWICE', msisdn: third, stat: 'DELIVRD', error: '000' },
      { messageId: 'TWICE', msisdn: fourth, stat: 'UNDELIV', error: '001' },
    ], clock.now()), ['applied', 'waiting'], 'the fourth number\'s message has no ids yet: its receipt waits');
    assert.equal((await row(c)).status, 'delivered', 'not overwritten by the other number\'s receipt');
    const claimD = more.find((x) => x.id === d);
    assert.ok(claimD);
    await recordSmsSubmittedMany({ db: t.db, retry }, 'w1', [{ claim: claimD, messageIds: ['TWICE'], segments: 1 }], clock.now());
    assert.equal((await row(d)).status, 'undeliverable', 'the waiting receipt applied once its ids were written');
  });

  it('two workers on one outbox send each message once', async () => {
    const numbers = Array.from({ length: 30 }, () => nextMsisdn());
    for (const msisdn of numbers) await enqueue(msisdn, 'Saxla: payment received.');
    const a = worker(connect(), { batchSize: 7 });
    const b = worker(connect(), { batchSize: 7 });
    for (let i = 0; i < 6; i += 1) await Promise.all([a.runOnce(), b.runOnce()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const msisdn of numbers) assert.equal(sim.messagesFor(msisdn).length, 1, msisdn);
  });

  it('polls on its own once started, and stops cleanly', async () => {
    const msisdn = nextMsisdn();
    const w = worker(connect(), { pollMs: 20 });
    w.start();
    const id = await enqueue(msisdn, 'Saxla: payment received.');
    await waitFor(async () => (await row(id)).status === 'delivered', 'the message sent by the loop');
    await w.stop();
  });
});
