// The SMPP client against the in-process SMSC over real TCP on 127.0.0.1.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSmscSimulator, type SmscSimulator } from './smsc-simulator.ts';
import smpp from 'smpp';
import type { Pdu, PduOptions } from 'smpp';
import { createSmppClient, type SmppClient, type SmppClientOptions } from './smpp-client.ts';
import { answerDeliverSm, type MobileOriginatedMessage, type ReceiptEvent } from './smpp-inbound.ts';
import { parseSmppUrl, sourceAddress } from './smpp-addressing.ts';
import { isDomainError } from '../../domain/errors.ts';

const MSISDN = '+994501234567';

async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('SMPP client ↔ SMSC simulator', { timeout: 8000 }, () => {
  let sim: SmscSimulator;
  let port: number;
  const clients: SmppClient[] = [];

  function connect(extra: Partial<SmppClientOptions> = {}): SmppClient {
    const client = createSmppClient({
      url: `smpp://saxla:secret@127.0.0.1:${port}`,
      reconnectMinMs: 20,
      reconnectMaxMs: 100,
      throttleMinMs: 10,
      throttleMaxMs: 50,
      ...extra,
    });
    clients.push(client);
    return client;
  }

  beforeEach(async () => {
    sim = createSmscSimulator({ systemId: 'saxla', password: 'secret', receiptDelayMs: 5 });
    port = await sim.listen(0);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await sim.close();
  });

  it('sends English text as GSM 7-bit (data_coding 0) in one part', async () => {
    const client = connect();
    const text = 'Your line +994 50 123 45 67 is active until 28.02.2027. Paid 12.50 AZN {ok} €\nCheck code: K7M2QX';
    const result = await client.submit({ destination: MSISDN, text });
    assert.equal(result.dataCoding, 0);
    assert.equal(result.segments, 1);
    assert.equal(result.messageIds.length, 1);
    const [received] = sim.messagesFor(MSISDN);
    assert.equal(received?.text, text);
    assert.equal(received?.dataCoding, 0);
    assert.equal(received?.source, 'Saxla');
    assert.deepEqual(received?.messageIds, result.messageIds);
  });

  it('sends Azerbaijani text with ə as UCS-2 (data_coding 8)', async () => {
    const client = connect();
    const text = 'Hörmətli müştəri, nömrəniz 28.02.2027 tarixinədək aktivdir.';
    const result = await client.submit({ destination: '994501234567', text });
    assert.equal(result.dataCoding, 8);
    assert.equal(result.segments, 1);
    const [received] = sim.messagesFor(MSISDN);
    assert.equal(received?.text, text);
    assert.equal(received?.dataCoding, 8);
  });

  it('sends a 300-character English text as 2 concatenated parts that reassemble exactly', async () => {
    const client = connect();
    const text = Array.from({ length: 300 }, (_, i) => 'abcdefghij0123456789 .,'.charAt(i % 23)).join('');
    const result = await client.submit({ destination: MSISDN, text });
    assert.deepEqual([result.segments, result.dataCoding, result.messageIds.length], [2, 0, 2]);
    await waitFor(() => sim.messagesFor(MSISDN).length === 1, 'the reassembled message');
    const [received] = sim.messagesFor(MSISDN);
    assert.equal(received?.text, text);
    assert.equal(received?.segments, 2);
    assert.deepEqual(received?.messageIds, result.messageIds);
  });

  it('sends Turkish at 7 bits with the national language tables, and the demo phone reads it right', async () => {
    const turkish = 'Değerli müşterimiz, hattınız 28.02.2027 tarihine kadar geçerlidir. Yenilemek için *100# arayın.';
    const withTables = connect({ nationalLanguageTables: ['tr'] });
    const short = await withTables.submit({ destination: MSISDN, text: turkish });
    assert.deepEqual([short.dataCoding, short.segments], [0, 1]);
    // Many Turkish letters: the locking-shift table, over three concatenated parts.
    const long = `${'Iğdır, Muş, Şırnak, Çığlık, Ağrı. '.repeat(11)}İyi günler!`;
    const concatenated = await withTables.submit({ destination: MSISDN, text: long });
    assert.deepEqual([concatenated.dataCoding, concatenated.segments], [0, 3]);
    await waitFor(() => sim.messagesFor(MSISDN).length === 2, 'both Turkish messages');
    const [longReceived, shortReceived] = sim.messagesFor(MSISDN);
    assert.deepEqual([shortReceived?.text, shortReceived?.dataCoding, shortReceived?.segments], [turkish, 0, 1]);
    assert.deepEqual([longReceived?.text, longReceived?.dataCoding, longReceived?.segments], [long, 0, 3]);
  });

  it('sends the same Turkish text as UCS-2 when the tables are off', async () => {
    const turkish = 'Değerli müşterimiz, hattınız 28.02.2027 tarihine kadar geçerlidir. Yenilemek için *100# arayın.';
    const result = await connect().submit({ destination: MSISDN, text: turkish });
    assert.deepEqual([result.dataCoding, result.segments], [8, 2]);
    await waitFor(() => sim.messagesFor(MSISDN).length === 1, 'the reassembled message');
    assert.equal(sim.messagesFor(MSISDN)[0]?.text, turkish);
  });

  it('retries throttled parts and the message still arrives exactly once', async () => {
    const client = connect();
    await client.ready();
    sim.throttleNext(3);
    sim.throttleNext(1, 0x14); // ESME_RMSGQFUL: the SMSC's queue is full
    const text = `${'Renewal reminder. '.repeat(12)}Check code: K7M2QX`;
    const result = await client.submit({ destination: MSISDN, text });
    assert.equal(result.segments, 2);
    assert.equal(sim.stats.refused, 4);
    await new Promise((resolve) => setTimeout(resolve, 50)); // time for any duplicate to show up
    assert.equal(sim.messagesFor(MSISDN).length, 1);
    assert.equal(sim.messagesFor(MSISDN)[0]?.text, text);
    assert.equal(sim.stats.submits, 4 + 2);
  });

  it('fails a message the SMSC keeps throttling once retries run out', async () => {
    const client = connect({ maxThrottleRetries: 2 });
    sim.throttleNext(10);
    await assert.rejects(client.submit({ destination: MSISDN, text: 'hi' }),
      (e) => isDomainError(e) && e.code === 'SMPP_SUBMIT_FAILED' && /ESME_RTHROTTLED/.test(e.message));
    assert.equal(sim.messagesFor(MSISDN).length, 0);
  });

  it('reports delivery receipts with the message id the submit returned', async () => {
    const receipts: ReceiptEvent[] = [];
    const client = connect({ onReceipt: (receipt) => { receipts.push(receipt); } });
    const delivered = await client.submit({ destination: MSISDN, text: 'Your code is 481516' });
    sim.setReceiptStat('+994551112233', 'UNDELIV');
    const failed = await client.submit({ destination: '+994551112233', text: 'Reminder' });
    await waitFor(() => receipts.length === 2, 'two receipts');
    const byId = new Map(receipts.map((r) => [r.messageId, r]));
    assert.equal(byId.get(delivered.messageIds[0] ?? '')?.stat, 'DELIVRD');
    assert.equal(byId.get(delivered.messageIds[0] ?? '')?.msisdn, MSISDN);
    assert.equal(byId.get(failed.messageIds[0] ?? '')?.stat, 'UNDELIV');
    assert.equal(byId.get(failed.messageIds[0] ?? '')?.outcome, 'failed');
  });

  it('asks the SMSC to redeliver a receipt the application could not record', async () => {
    let calls = 0;
    const client = connect({ onReceipt: () => { calls += 1; if (calls === 1) throw new Error('database down'); } });
    await client.submit({ destination: MSISDN, text: 'hello' });
    await waitFor(() => calls === 1, 'the first receipt');
    await waitFor(() => sim.stats.receiptsRefused === 1, 'the refusal (ESME_RX_T_APPN)');
    // The simulator does not redeliver; the client must keep working after a refused receipt.
    const second = await client.submit({ destination: MSISDN, text: 'again' });
    assert.equal(second.segments, 1);
    await waitFor(() => calls === 2, 'the second receipt');
    assert.equal(sim.stats.receiptsRefused, 1);
  });

  it('fails the bind with a clear error when the password is wrong, and does not retry', async () => {
    const client = connect({ url: `smpp://saxla:wrong@127.0.0.1:${port}` });
    await assert.rejects(client.ready(), (e) => isDomainError(e) && e.code === 'SMPP_BIND_FAILED'
      && /refused bind_transceiver as "saxla": ESME_RBINDFAIL \(0x0d\)/.test(e.message) && !e.message.includes('wrong'));
    await assert.rejects(client.submit({ destination: MSISDN, text: 'x' }), (e) => isDomainError(e) && e.code === 'SMPP_BIND_FAILED');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual([sim.stats.binds, sim.stats.bindsRefused], [0, 1]);
  });

  it('reconnects after the SMSC drops the connection and sends what was waiting', async () => {
    const client = connect();
    await client.submit({ destination: MSISDN, text: 'before' });
    sim.dropConnections();
    const after = await client.submit({ destination: MSISDN, text: 'after' });
    assert.equal(after.segments, 1);
    assert.equal(sim.stats.binds, 2);
    assert.deepEqual(sim.messagesFor(MSISDN).map((m) => m.text), ['after', 'before']);
  });

  it('resends parts left unanswered when the connection dropped', async () => {
    const client = connect();
    await client.ready();
    const release = sim.holdResponses();
    const pending = client.submit({ destination: MSISDN, text: 'in flight' });
    await waitFor(() => sim.stats.submits === 1, 'the submit to reach the SMSC');
    sim.dropConnections();
    release(); // answers for the dead session go nowhere
    const result = await pending;
    assert.equal(result.segments, 1);
    assert.equal(sim.stats.submits, 2);
  });

  it('sends enquire_link while the link is idle', async () => {
    const client = connect({ enquireLinkMs: 20 });
    await client.ready();
    await waitFor(() => sim.stats.enquireLinks >= 2, 'two enquire_links');
  });

  it('drops a connection whose SMSC stops answering, then resends on a new one', async () => {
    const client = connect({ responseTimeoutMs: 80 });
    await client.ready();
    const release = sim.holdResponses();
    const pending = client.submit({ destination: MSISDN, text: 'stuck' });
    await waitFor(() => sim.stats.binds === 2, 'a second bind after the timeout');
    release();
    assert.equal((await pending).segments, 1);
    assert.equal(sim.stats.submits, 2);
  });

  it('keeps at most `window` submits unanswered', async () => {
    const client = connect({ window: 3 });
    await client.ready();
    const release = sim.holdResponses();
    const all = Promise.all(Array.from({ length: 8 }, (_, i) => client.submit({ destination: MSISDN, text: `m${i}` })));
    await waitFor(() => sim.stats.submits === 3, 'three submits');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(sim.stats.submits, 3);
    release();
    await all;
    assert.equal(sim.messagesFor(MSISDN).length, 8);
  });

  it('paces submits to the configured rate', async () => {
    const client = connect({ ratePerSecond: 100, window: 50 });
    await client.ready();
    const started = performance.now();
    await Promise.all(Array.from({ length: 30 }, (_, i) => client.submit({ destination: MSISDN, text: `m${i}` })));
    // A burst of 10 may go at once; the other 20 take at least 200 ms at 100 per second.
    assert.ok(performance.now() - started >= 180, `took ${Math.round(performance.now() - started)} ms`);
  });

  it('refuses bad input before it reaches the SMSC', async () => {
    const client = connect({ maxSegments: 3 });
    await assert.rejects(client.submit({ destination: 'not a number', text: 'x' }), (e) => isDomainError(e) && e.code === 'VALIDATION_FAILED');
    await assert.rejects(client.submit({ destination: MSISDN, text: 'x'.repeat(153 * 3 + 1) }), (e) => isDomainError(e) && e.code === 'SMS_TOO_LONG');
    assert.throws(() => createSmppClient({ url: 'http://nope' }), (e) => isDomainError(e) && e.code === 'CONFIG_INVALID');
    assert.equal(sim.stats.submits, 0);
  });

  it('rejects new submits after close', async () => {
    const client = connect();
    await client.ready();
    await client.close();
    await assert.rejects(client.submit({ destination: MSISDN, text: 'x' }), (e) => isDomainError(e) && e.code === 'SMPP_CLOSED');
  });
});

describe('SMPP addressing', () => {
  it('reads smpp:// URLs, percent-encoded credentials and the default port', () => {
    assert.deepEqual(parseSmppUrl('smpp://saxla:p%40ss@smsc.example.az:2775'), { host: 'smsc.example.az', port: 2775, systemId: 'saxla', password: 'p@ss' });
    assert.deepEqual(parseSmppUrl('smpp://saxla:x@[::1]'), { host: '::1', port: 2775, systemId: 'saxla', password: 'x' });
    for (const bad of ['smpp://host:2775', 'http://u:p@host', 'smpp://u:%E0@host', 'not a url']) {
      assert.throws(() => parseSmppUrl(bad), (e) => isDomainError(e) && e.code === 'CONFIG_INVALID' && !e.message.includes('%E0'), bad);
    }
  });

  it('sends alphanumeric sender IDs as TON 5 / NPI 0 and numbers as TON 1 / NPI 1', () => {
    assert.deepEqual(sourceAddress('Saxla'), { addr: 'Saxla', ton: 5, npi: 0 });
    assert.deepEqual(sourceAddress('+994125551234'), { addr: '994125551234', ton: 1, npi: 1 });
    assert.throws(() => sourceAddress('SaxlaTelecom1'), (e) => isDomainError(e) && e.code === 'VALIDATION_FAILED');
  });
});

describe('deliver_sm from the SMSC', () => {
  // Through the package's own encoder and parser, as a PDU off the wire would arrive.
  function received(fields: PduOptions): Pdu {
    const pdu = smpp.PDU.fromBuffer(new smpp.PDU('deliver_sm', fields).toBuffer());
    assert.ok(pdu);
    return pdu;
  }
  const receiptText = 'id:12345 sub:001 dlvrd:001 submit date:2611201530 done date:2611201531 stat:DELIVRD err:000 text:Your code is 4815';

  it('prefers the receipted_message_id TLV over the id in the text', async () => {
    const receipts: ReceiptEvent[] = [];
    const status = await answerDeliverSm(received({
      source_addr_ton: 1, source_addr_npi: 1, source_addr: '994501234567', esm_class: 0x04, data_coding: 0,
      short_message: Buffer.from(receiptText, 'ascii'), receipted_message_id: '3039',
    }), { onReceipt: (r) => { receipts.push(r); } });
    assert.equal(status, smpp.ESME_ROK);
    assert.deepEqual(receipts.map((r) => [r.messageId, r.msisdn, r.stat]), [['3039', '+994501234567', 'DELIVRD']]);
  });

  it('answers an unreadable receipt with OK (so it is not resent forever) and logs without its text', async () => {
    const warnings: unknown[] = [];
    const log = { warn: (fields: object) => { warnings.push(fields); }, error: () => undefined };
    const status = await answerDeliverSm(received({ esm_class: 0x04, data_coding: 0, short_message: Buffer.from('code 4815 garbage') }), {
      onReceipt: () => assert.fail('no receipt for garbage'),
    }, log);
    assert.equal(status, smpp.ESME_ROK);
    assert.equal(warnings.length, 1);
    assert.ok(!JSON.stringify(warnings).includes('4815'));
  });

  it('asks for redelivery (ESME_RX_T_APPN) when the application fails to record a receipt', async () => {
    const status = await answerDeliverSm(received({ esm_class: 0x04, data_coding: 0, short_message: Buffer.from(receiptText) }), {
      onReceipt: () => Promise.reject(new Error('database down')),
    });
    assert.equal(status, smpp.ESME_RX_T_APPN);
  });

  it('passes a mobile-originated UCS-2 part on with its concatenation info', async () => {
    const messages: MobileOriginatedMessage[] = [];
    const text = 'Salam, nömrəmi saxla';
    const payload = Buffer.from(text, 'utf16le').swap16();
    await answerDeliverSm(received({
      source_addr: '994501234567', destination_addr: '9000', esm_class: 0x40, data_coding: 8,
      short_message: Buffer.concat([Buffer.from([5, 0, 3, 9, 2, 1]), payload]),
    }), { onMessage: (m) => { messages.push(m); } });
    assert.deepEqual(messages, [{
      source: '994501234567', destination: '9000', text, dataCoding: 8, concat: { reference: 9, total: 2, sequence: 1 },
    }]);
  });
});
