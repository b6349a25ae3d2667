// SMS submit throughput: Saxla's SMPP client against the in-process SMSC over TCP, beside a
// baseline in the same run: a bare smpp-package session sending the same number of pre-encoded
// submit_sm PDUs with the same window, against the same simulator. The gap is what the client's
// own work costs (encoding, queueing, window and rate bookkeeping).
// Run alone: node bench/sms-throughput.ts [count]
import { cpus, totalmem } from 'node:os';
import smpp from 'smpp';
import type { Pdu } from 'smpp';
import { createSmscSimulator } from '../src/channels/sms/smsc-simulator.ts';
import { createSmppClient } from '../src/channels/sms/smpp-client.ts';
import { encodeSegments } from '../src/domain/sms-encoding.ts';

const WINDOW = 50;
const TARGET_PER_SECOND = 2000;

function destination(i: number): string {
  return `99450${String(1_000_000 + (i % 1000)).slice(1)}`;
}

function text(i: number): string {
  return `Saxla: your line is active until 28.02.2027. Reminder ${i}.\nCheck code: K7M2QX`;
}

async function runClient(count: number): Promise<{ seconds: number; receipts: number }> {
  const sim = createSmscSimulator({ receiptDelayMs: 1 });
  const port = await sim.listen(0);
  let receipts = 0;
  const client = createSmppClient({ url: `smpp://saxla:secret@127.0.0.1:${port}`, window: WINDOW, onReceipt: () => { receipts += 1; } });
  await client.ready();
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, (_, i) => client.submit({ destination: `+${destination(i)}`, text: text(i) })));
  const seconds = (performance.now() - started) / 1000;
  if (results.some((r) => r.segments !== 1) || sim.stats.submits !== count) throw new Error('the client run did not send one part per message');
  await client.close();
  await sim.close();
  return { seconds, receipts };
}

async function runBaseline(count: number): Promise<{ seconds: number; receipts: number }> {
  const sim = createSmscSimulator({ receiptDelayMs: 1 });
  const port = await sim.listen(0);
  const session = smpp.connect({ host: '127.0.0.1', port });
  let receipts = 0;
  session.on('deliver_sm', (pdu) => {
    receipts += 1;
    session.send(pdu.response());
  });
  await new Promise<void>((resolve, reject) => {
    session.on('connect', () => {
      session.bind_transceiver({ system_id: 'saxla', password: 'secret', interface_version: 0x34 }, (r) => {
        if (r.command_status === 0) resolve();
        else reject(new Error('baseline bind failed'));
      });
    });
  });
  // Encoded before the clock starts: the baseline is the package and the socket alone.
  const pdus: Pdu[] = Array.from({ length: count }, (_, i) => {
    const { parts, dataCoding, esmClass } = encodeSegments(text(i), 0);
    return new smpp.PDU('submit_sm', {
      source_addr_ton: 5, source_addr_npi: 0, source_addr: 'Saxla', dest_addr_ton: 1, dest_addr_npi: 1,
      destination_addr: destination(i), esm_class: esmClass, registered_delivery: 1, data_coding: dataCoding,
      short_message: Buffer.from(parts[0] ?? new Uint8Array()),
    });
  });
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let answered = 0;
    const sendNext = (): void => {
      const pdu = pdus[next];
      if (!pdu) return;
      next += 1;
      session.send(pdu, (response) => {
        if (response.command_status !== 0) return reject(new Error(`baseline submit refused: ${response.command_status}`));
        answered += 1;
        if (answered === count) resolve();
        else sendNext();
      });
    };
    for (let i = 0; i < Math.min(WINDOW, count); i += 1) sendNext();
  });
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => session.unbind({}, () => resolve()));
  session.destroy();
  await sim.close();
  return { seconds, receipts };
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`;
}

export async function benchSmsThroughput(count = 20_000): Promise<void> {
  const row = (label: string, value: string, note = ''): void => {
    process.stdout.write(`  ${label.padEnd(46)} ${value.padStart(14)}${note ? `   ${note}` : ''}\n`);
  };
  process.stdout.write(`\nSMS throughput: ${count} single-part submits, window ${WINDOW}, no rate limit, receipts on\n`);
  await runClient(Math.min(2000, count)); // warm up both paths' code
  await runBaseline(Math.min(2000, count));
  const client = await runClient(count);
  const baseline = await runBaseline(count);
  const perSecond = (r: { seconds: number }): number => count / r.seconds;
  row('Saxla SMPP client (segments/s)', perSecond(client).toFixed(0), `${client.seconds.toFixed(2)} s, ${client.receipts} receipts by the end`);
  row('baseline: bare smpp session, pre-encoded', perSecond(baseline).toFixed(0), `${baseline.seconds.toFixed(2)} s`);
  row('client / baseline', `${((perSecond(client) / perSecond(baseline)) * 100).toFixed(0)} %`);
  row(`target ≥ ${TARGET_PER_SECOND}/s`, perSecond(client) >= TARGET_PER_SECOND ? 'met' : 'NOT MET');
}

if (import.meta.main) {
  process.stdout.write(`Saxla SMS benchmark on ${machine()}\n`);
  await benchSmsThroughput(Number(process.argv[2] ?? 20_000));
}
