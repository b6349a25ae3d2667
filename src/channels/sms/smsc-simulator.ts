// An SMSC inside the process, over real SMPP on TCP: what `npm start` talks to when SMPP_URL is
// unset (its messages feed the portal's demo phone), and what the SMPP tests run against. It checks
// what an operator's SMSC would: the bind credentials, the bytes and data_coding of each part, the
// UDH of concatenated parts; and it sends delivery receipts back on the bind. It honours the
// national language tables (Turkish) a part's UDH names, as an SMSC that supports them does.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import smpp from 'smpp';
import type { Pdu, Session } from 'smpp';
import { countGsmSeptets, decodePayload, decodeSegments, encodeSegments } from '../../domain/sms-encoding.ts';
import { readUserDataHeader } from '../../domain/gsm-user-data-header.ts';
import { formatDeliveryReceipt, parseSmscTime, type ReceiptStat } from '../../domain/delivery-receipt.ts';
import type { SmppLogger } from './smpp-client.ts';

export interface ReceivedSms {
  /** The message id given for the first part. */
  readonly id: string;
  readonly messageIds: readonly string[];
  readonly source: string;
  /** E.164 with '+'. */
  readonly msisdn: string;
  readonly text: string;
  readonly dataCoding: number;
  readonly segments: number;
  readonly receivedAt: string;
}

export interface SmscSimulatorOptions {
  readonly systemId?: string;
  readonly password?: string;
  readonly receiptDelayMs?: number;
  /** Memory bounds: messages kept per number, numbers kept, and the "all messages" list. */
  readonly perNumber?: number;
  readonly maxNumbers?: number;
  readonly recent?: number;
  readonly logger?: SmppLogger;
  readonly now?: () => Date;
}

export interface SmscSimulator {
  /** Binds to 127.0.0.1 by default; port 0 picks a free one. Resolves with the port. */
  listen(port?: number, host?: string): Promise<number>;
  close(): Promise<void>;
  /** Newest first. */
  messagesFor(msisdn: string): ReceivedSms[];
  allMessages(): ReceivedSms[];
  on(event: 'message', listener: (message: ReceivedSms) => void): void;
  off(event: 'message', listener: (message: ReceivedSms) => void): void;
  /** Test hook: the next `count` submits are refused with `status` (default ESME_RTHROTTLED). */
  throttleNext(count: number, status?: number): void;
  /** Test hook: receipts for this number carry `stat` (e.g. UNDELIV); DELIVRD restores the default. */
  setReceiptStat(msisdn: string, stat: ReceiptStat): void;
  /** Test hook: answer no submit until the returned release function is called. */
  holdResponses(): () => void;
  /** Test hook: cut every connection, as a crashed SMSC or a broken network would. */
  dropConnections(): void;
  /** Counters: submits seen, submits refused by throttleNext, receipts sent, receipts the client
   * answered with an error, successful and refused binds, enquire_links. */
  readonly stats: {
    submits: number; refused: number; receipts: number; receiptsRefused: number; binds: number; bindsRefused: number; enquireLinks: number;
  };
}

interface RawSubmit {
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly shortMessage: Uint8Array;
}

interface Partial {
  readonly parts: Map<number, { bytes: Uint8Array; id: string }>;
  readonly total: number;
}

const messageStates: Readonly<Record<ReceiptStat, number>> = {
  DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, ACCEPTD: 6, UNKNOWN: 7, REJECTD: 8,
};

const msisdnKey = (number: string): string => `+${number.replace(/\D/g, '')}`;

/**
 * The smpp package decodes short_message in place, by its own tables, while it parses a PDU; the
 * octets the client really sent are gone before we see the PDU. So the simulator also reads the
 * socket: Node emits 'data' for each chunk the session read()s, before the session emits the PDU.
 */
function tapSubmits(socket: Socket, into: Map<number, RawSubmit>): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 16) {
      const length = pending.readUInt32BE(0);
      if (length < 16) {
        pending = Buffer.alloc(0); // garbage: the session reports it
        return;
      }
      if (pending.length < length) return;
      const frame = pending.subarray(0, length);
      pending = pending.subarray(length);
      const submit = frame.readUInt32BE(4) === 0x00000004 ? readSubmitBody(frame) : undefined;
      if (submit) into.set(frame.readUInt32BE(12), submit);
    }
  });
}

/** esm_class, data_coding and the raw short_message (or message_payload TLV) of a submit_sm. */
function readSubmitBody(frame: Buffer): RawSubmit | undefined {
  let at = 16;
  const skipCString = (): void => {
    const end = frame.indexOf(0, at);
    if (end < 0) throw new RangeError('unterminated C-octet string');
    at = end + 1;
  };
  const octet = (): number => {
    const value = frame[at];
    if (value === undefined) throw new RangeError('PDU too short');
    at += 1;
    return value;
  };
  try {
    skipCString(); // service_type
    at += 2; skipCString(); // source ton, npi, address
    at += 2; skipCString(); // destination ton, npi, address
    const esmClass = octet();
    at += 2; // protocol_id, priority_flag
    skipCString(); skipCString(); // schedule_delivery_time, validity_period
    at += 2; // registered_delivery, replace_if_present_flag
    const dataCoding = octet();
    at += 1; // sm_default_msg_id
    const smLength = octet();
    let shortMessage = frame.subarray(at, at + smLength);
    at += smLength;
    while (at + 4 <= frame.length) {
      const tag = frame.readUInt16BE(at);
      const length = frame.readUInt16BE(at + 2);
      if (tag === 0x0424 && smLength === 0) shortMessage = frame.subarray(at + 4, at + 4 + length);
      at += 4 + length;
    }
    return { esmClass, dataCoding, shortMessage: Uint8Array.from(shortMessage) };
  } catch {
    return undefined;
  }
}

/** Receipt text is GSM: keep the first 20 characters, with anything outside the basic table as '.'. */
function receiptExcerpt(text: string): string {
  return [...text.slice(0, 20)].map((char) => (countGsmSeptets(char) === 1 && char !== '\n' && char !== '\r' ? char : '.')).join('');
}

function smscTime(at: Date): ReturnType<typeof parseSmscTime> {
  const two = (n: number): string => String(n).padStart(2, '0');
  return parseSmscTime(
    `${two(at.getUTCFullYear() % 100)}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}${two(at.getUTCHours())}${two(at.getUTCMinutes())}`,
  );
}

export function createSmscSimulator(options: SmscSimulatorOptions = {}): SmscSimulator {
  const systemId = options.systemId ?? 'saxla';
  const password = options.password ?? 'secret';
  const receiptDelayMs = options.receiptDelayMs ?? 20;
  const perNumber = options.perNumber ?? 50;
  const maxNumbers = options.maxNumbers ?? 10_000;
  const recentLimit = options.recent ?? 500;
  const now = options.now ?? ((): Date => new Date());
  const log = options.logger;
  const events = new EventEmitter();
  const byNumber = new Map<string, ReceivedSms[]>();
  let recent: ReceivedSms[] = [];
  const partials = new Map<string, Partial>();
  const receiptStats = new Map<string, ReceiptStat>();
  const bound = new Set<Session>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const refusals: number[] = [];
  let held: (() => void)[] | undefined;
  const stats = { submits: 0, refused: 0, receipts: 0, receiptsRefused: 0, binds: 0, bindsRefused: 0, enquireLinks: 0 };
  let nextId = 0;

  function remember(message: ReceivedSms): void {
    const list = [message, ...(byNumber.get(message.msisdn) ?? [])].slice(0, perNumber);
    byNumber.delete(message.msisdn); // re-insert: the map's order is least recently used first
    byNumber.set(message.msisdn, list);
    if (byNumber.size > maxNumbers) {
      const oldest = byNumber.keys().next().value;
      if (oldest !== undefined) byNumber.delete(oldest);
    }
    recent = [message, ...recent.slice(0, recentLimit - 1)];
    events.emit('message', message);
  }

  function sendReceipt(origin: Session, submit: Pdu, messageId: string, excerpt: string, submittedAt: Date): void {
    const msisdn = msisdnKey(submit.destination_addr ?? '');
    const stat = receiptStats.get(msisdn) ?? 'DELIVRD';
    const target = bound.has(origin) ? origin : bound.values().next().value;
    if (!target) return; // nobody bound to receive it; a real SMSC would queue, tests need not
    const text = formatDeliveryReceipt({
      messageId, submitted: 1, delivered: stat === 'DELIVRD' ? 1 : 0, submitDate: smscTime(submittedAt), doneDate: smscTime(now()),
      stat, error: stat === 'DELIVRD' ? '000' : '001', text: excerpt,
    });
    const [receipt] = encodeSegments(text, 0).parts;
    stats.receipts += 1;
    target.deliver_sm({
      source_addr_ton: submit.dest_addr_ton, source_addr_npi: submit.dest_addr_npi, source_addr: submit.destination_addr,
      dest_addr_ton: submit.source_addr_ton, dest_addr_npi: submit.source_addr_npi, destination_addr: submit.source_addr,
      esm_class: 0x04, data_coding: 0, short_message: Buffer.from(receipt ?? new Uint8Array()),
      receipted_message_id: messageId, message_state: messageStates[stat],
    });
  }

  function onSubmit(session: Session, pdu: Pdu, raw: RawSubmit | undefined): void {
    const answer = (status: number, messageId = ''): void => {
      const send = (): void => {
        session.send(pdu.response(status === smpp.ESME_ROK ? { message_id: messageId } : { command_status: status }));
      };
      if (held) held.push(send);
      else send();
    };
    stats.submits += 1;
    const refusal = refusals.shift();
    if (refusal !== undefined) {
      stats.refused += 1;
      return answer(refusal);
    }
    if (!raw) return answer(smpp.ESME_RSYSERR);
    if (raw.dataCoding !== 0 && raw.dataCoding !== 8) return answer(smpp.ESME_RINVDCS);
    let concat;
    let partText: string;
    try {
      const body = readUserDataHeader(raw.esmClass, raw.shortMessage);
      concat = body.concat;
      partText = decodePayload(raw.dataCoding, body.payload, body);
    } catch {
      return answer(smpp.ESME_RSUBMITFAIL);
    }
    nextId += 1;
    const messageId = nextId.toString(16).toUpperCase().padStart(10, '0');
    answer(smpp.ESME_ROK, messageId);
    const receivedAt = now();
    if (((pdu.registered_delivery ?? 0) & 0x03) !== 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sendReceipt(session, pdu, messageId, receiptExcerpt(partText), receivedAt);
      }, receiptDelayMs);
      timers.add(timer);
    }
    const base = { source: pdu.source_addr ?? '', msisdn: msisdnKey(pdu.destination_addr ?? ''), dataCoding: raw.dataCoding, receivedAt: receivedAt.toISOString() };
    if (!concat || concat.total === 1) {
      return remember({ ...base, id: messageId, messageIds: [messageId], text: partText, segments: 1 });
    }
    const key = `${base.source}|${base.msisdn}|${concat.reference}|${concat.total}`;
    const partial = partials.get(key) ?? { parts: new Map(), total: concat.total };
    partial.parts.set(concat.sequence, { bytes: raw.shortMessage, id: messageId });
    partials.delete(key);
    if (partial.parts.size < partial.total) {
      partials.set(key, partial);
      if (partials.size > 1000) partials.delete(partials.keys().next().value ?? key);
      return;
    }
    const ordered = [...partial.parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
    try {
      const text = decodeSegments({ dataCoding: raw.dataCoding, esmClass: raw.esmClass, parts: ordered.map((part) => part.bytes) });
      const messageIds = ordered.map((part) => part.id);
      remember({ ...base, id: messageIds[0] ?? messageId, messageIds, text, segments: ordered.length });
    } catch (error) {
      log?.warn({ reason: error instanceof Error ? error.message : String(error) }, 'simulator could not reassemble a message');
    }
  }

  function attach(session: Session): void {
    let boundAs: string | undefined;
    const raw = new Map<number, RawSubmit>();
    tapSubmits(session.socket, raw);
    session.on('error', () => undefined); // a client that vanishes mid-write is not our failure
    session.on('close', () => bound.delete(session));
    session.on('pdu', (pdu) => {
      const answer = (fields: Parameters<Pdu['response']>[0] = {}): void => {
        session.send(pdu.response(fields));
      };
      switch (pdu.command) {
        case 'bind_transceiver':
          if (boundAs !== undefined) return answer({ command_status: smpp.ESME_RALYBND });
          if (pdu.system_id !== systemId || pdu.password !== password) {
            log?.warn({ systemId: pdu.system_id }, 'simulator refused a bind');
            stats.bindsRefused += 1;
            session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }), () => session.close());
            return;
          }
          boundAs = pdu.system_id;
          bound.add(session);
          stats.binds += 1;
          return answer({ system_id: 'saxla-smsc' });
        case 'bind_transmitter':
        case 'bind_receiver':
          return answer({ command_status: smpp.ESME_RBINDFAIL }); // Saxla binds as transceiver only
        case 'submit_sm': {
          const body = raw.get(pdu.sequence_number);
          raw.delete(pdu.sequence_number);
          if (boundAs === undefined) return answer({ command_status: smpp.ESME_RINVBNDSTS });
          return onSubmit(session, pdu, body);
        }
        case 'enquire_link':
          stats.enquireLinks += 1;
          return answer();
        case 'unbind':
          bound.delete(session);
          session.send(pdu.response(), () => session.close());
          return;
        case 'deliver_sm_resp':
          if (pdu.command_status !== smpp.ESME_ROK) stats.receiptsRefused += 1;
          return;
        default:
          if (!pdu.isResponse()) answer({ command_status: smpp.ESME_RINVCMDID });
      }
    });
  }

  const server = smpp.createServer((session) => attach(session));

  return {
    listen: (port = 0, host = '127.0.0.1') => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    }),
    close: () => new Promise((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const session of [...server.sessions]) session.destroy();
      server.close(() => resolve());
    }),
    messagesFor: (msisdn) => [...(byNumber.get(msisdnKey(msisdn)) ?? [])],
    allMessages: () => [...recent],
    on: (event, listener) => { events.on(event, listener); },
    off: (event, listener) => { events.off(event, listener); },
    throttleNext: (count, status = smpp.ESME_RTHROTTLED) => {
      for (let i = 0; i < count; i += 1) refusals.push(status);
    },
    setReceiptStat: (msisdn, stat) => {
      if (stat === 'DELIVRD') receiptStats.delete(msisdnKey(msisdn));
      else receiptStats.set(msisdnKey(msisdn), stat);
    },
    holdResponses: () => {
      held ??= [];
      return () => {
        const waiting = held ?? [];
        held = undefined;
        for (const send of waiting) send();
      };
    },
    dropConnections: () => {
      for (const session of [...server.sessions]) session.destroy();
    },
    stats,
  };
}
