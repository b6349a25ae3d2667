// Saxla's ESME: one transceiver bind to the operator's SMSC, used for submits and for receiving
// delivery receipts. Keeps the bind alive (enquire_link, reconnect with backoff), keeps at most
// `window` submits unanswered and paces them with a token bucket, and retries a part the SMSC
// throttles. Delivery is at least once: parts unanswered when a connection drops are sent again.
import smpp from 'smpp';
import type { Pdu, Session } from 'smpp';
import { encodeSegments, type DataCoding } from '../../domain/sms-encoding.ts';
import type { NationalLanguage } from '../../domain/gsm-alphabets.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Logger } from '../../services/logger.ts';
import { describeStatus, destinationAddress, parseSmppUrl, sourceAddress, type SmppAddress } from './smpp-addressing.ts';
import { Fifo } from './fifo.ts';
import { createTokenBucket } from './token-bucket.ts';
import { answerDeliverSm, type InboundHandlers } from './smpp-inbound.ts';

/** The services' logger (pino-compatible: fields, then the message). */
export type SmppLogger = Logger;

export interface SmppClientOptions extends InboundHandlers {
  /** smpp://system_id:password@host:port */
  readonly url: string;
  /** Default source address: an alphanumeric sender ID (≤ 11) or a number. */
  readonly sender?: string;
  /** Submits sent and not yet answered. */
  readonly window?: number;
  /** Submits per second the SMSC contract allows; 0 or unset means no limit. */
  readonly ratePerSecond?: number;
  readonly enquireLinkMs?: number;
  /** How long a submit, bind or enquire_link may go unanswered before the connection is dropped. */
  readonly responseTimeoutMs?: number;
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  readonly throttleMinMs?: number;
  readonly throttleMaxMs?: number;
  /** Throttling answers one part may get before its message fails. */
  readonly maxThrottleRetries?: number;
  /** Parts one message may take: a runaway template should not cost a hundred SMS. */
  readonly maxSegments?: number;
  /** SMS_NATIONAL_LANGUAGE_TABLES: ['tr'] lets Turkish text stay 7-bit; unset: default alphabet or UCS-2. */
  readonly nationalLanguageTables?: readonly NationalLanguage[];
  readonly logger?: SmppLogger;
  /** For jitter; tests may pin it. */
  readonly random?: () => number;
}

export interface SubmitRequest {
  readonly destination: string;
  readonly text: string;
  readonly source?: string;
}

export interface SubmitResult {
  readonly messageIds: string[];
  readonly segments: number;
  readonly dataCoding: DataCoding;
}

export interface SmppClient {
  submit(request: SubmitRequest): Promise<SubmitResult>;
  /** Resolves once bound (now or at the next bind); rejects if the SMSC refuses our credentials. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

interface Outgoing {
  readonly destination: string;
  readonly source: SmppAddress;
  readonly dataCoding: DataCoding;
  readonly esmClass: number;
  readonly ids: string[];
  readonly length: number;
  unanswered: number;
  settled: boolean;
  resolve(result: SubmitResult): void;
  reject(error: Error): void;
}

interface Part {
  readonly message: Outgoing;
  readonly index: number;
  readonly bytes: Buffer;
  throttles: number;
  sentAt: number;
}

const THROTTLED = new Set<number>([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL]);
// A refusal of who we are will not go away by retrying; other bind failures (SMSC busy) may.
const BAD_CREDENTIALS = new Set<number>([smpp.ESME_RBINDFAIL, smpp.ESME_RINVPASWD, smpp.ESME_RINVSYSID]);
export function createSmppClient(options: SmppClientOptions): SmppClient {
  const { host, port, systemId, password } = parseSmppUrl(options.url);
  const defaultSource = sourceAddress(options.sender ?? 'Saxla');
  const window = Math.max(1, options.window ?? 10);
  const rate = options.ratePerSecond ?? 0;
  const enquireLinkMs = options.enquireLinkMs ?? 30_000;
  const responseTimeoutMs = options.responseTimeoutMs ?? 10_000;
  const maxSegments = options.maxSegments ?? 10;
  const maxThrottleRetries = options.maxThrottleRetries ?? 20;
  const encoding = { nationalLanguageTables: options.nationalLanguageTables ?? [] };
  const random = options.random ?? Math.random;
  const log = options.logger;
  const now = (): number => performance.now();
  const where = { host, port, systemId };

  const queue = new Fifo<Part>();
  let retries: Part[] = [];
  const inflight = new Map<number, Part>();
  let session: Session | undefined;
  let bound = false;
  let everBound = false;
  let fatal: DomainError | undefined;
  let closing = false;
  let attempt = 0;
  let connectingSince = 0;
  let enquireSentAt = 0;
  let lastHeard = 0;
  let pausedUntil = 0;
  let throttleStreak = 0;
  let reference = Math.floor(random() * 256);
  const bucket = createTokenBucket(rate, now());
  let pumpTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let readyWaiters: { resolve(): void; reject(error: Error): void }[] = [];
  let drained: (() => void) | undefined;

  const withJitter = (base: number): number => base / 2 + (random() * base) / 2;
  const backoff = (min: number, max: number, step: number): number => withJitter(Math.min(max, min * 2 ** step));

  function settleReady(error?: Error): void {
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  function fail(message: Outgoing, error: Error): void {
    if (message.settled) return;
    message.settled = true;
    message.reject(error);
  }

  function schedulePump(delayMs: number): void {
    if (pumpTimer) return;
    pumpTimer = setTimeout(() => {
      pumpTimer = undefined;
      pump();
    }, Math.max(1, Math.ceil(delayMs)));
  }

  function pump(): void {
    const current = session;
    if (!current || !bound) return;
    const at = now();
    if (at < pausedUntil) return schedulePump(pausedUntil - at);
    while (inflight.size < window) {
      const fromRetries = retries.length > 0;
      const part = fromRetries ? retries[0] : queue.peek();
      if (!part) return;
      if (part.message.settled) {
        if (fromRetries) retries.shift();
        else queue.shift();
        continue;
      }
      const wait = bucket.take(at);
      if (wait > 0) return schedulePump(wait);
      if (fromRetries) retries.shift();
      else queue.shift();
      if (!sendPart(current, part)) return;
    }
  }

  /**
   * PDUs sent in one turn of the event loop (a window's submits, a batch's receipt answers) leave in
   * one socket write: each write wakes the SMSC's side, which costs more than the bytes in it.
   */
  function sendInTurn(current: Session, pdu: Pdu, onResponse?: (response: Pdu) => void): boolean {
    if (!current.socket.writableCorked) {
      current.socket.cork();
      process.nextTick(() => current.socket.uncork());
    }
    return onResponse ? current.send(pdu, onResponse) : current.send(pdu);
  }

  /** False when the socket is gone; the part then waits for the next connection. */
  function sendPart(current: Session, part: Part): boolean {
    const { message } = part;
    const pdu = new smpp.PDU('submit_sm', {
      source_addr_ton: message.source.ton,
      source_addr_npi: message.source.npi,
      source_addr: message.source.addr,
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: message.destination,
      esm_class: message.esmClass,
      registered_delivery: 1,
      // Explicit, with raw bytes: left to itself the package guesses an encoding and labels it.
      data_coding: message.dataCoding,
      short_message: part.bytes,
    });
    part.sentAt = now();
    if (!sendInTurn(current, pdu, (response) => onSubmitResponse(current, pdu.sequence_number, part, response))) {
      retries.unshift(part);
      current.destroy();
      return false;
    }
    inflight.set(pdu.sequence_number, part);
    return true;
  }

  function onSubmitResponse(from: Session, sequence: number, part: Part, response: Pdu): void {
    if (from !== session || inflight.get(sequence) !== part) return;
    inflight.delete(sequence);
    const { message } = part;
    const status = response.command_status;
    if (status === smpp.ESME_ROK) {
      throttleStreak = 0;
      message.ids[part.index] = response.message_id ?? '';
      message.unanswered -= 1;
      if (message.unanswered === 0 && !message.settled) {
        message.settled = true;
        message.resolve({ messageIds: message.ids, segments: message.ids.length, dataCoding: message.dataCoding });
      }
    } else if (THROTTLED.has(status) && !closing && part.throttles < maxThrottleRetries) {
      part.throttles += 1;
      retries.push(part);
      const at = now();
      // Parts already in flight when the SMSC first pushed back will be refused too; one episode
      // of throttling lengthens the pause once, not once per refused part.
      if (at >= pausedUntil) {
        throttleStreak += 1;
        pausedUntil = at + backoff(options.throttleMinMs ?? 200, options.throttleMaxMs ?? 10_000, throttleStreak - 1);
        log?.warn({ status: describeStatus(status), pauseMs: Math.round(pausedUntil - at) }, 'SMSC throttling: pausing submits');
      }
    } else if (!message.settled) {
      const error = new DomainError('SMPP_SUBMIT_FAILED', `the SMSC refused part ${part.index + 1} of ${message.ids.length}: ${describeStatus(status)}`);
      // Length and parts only: the text may be a one-time code.
      log?.warn({ segments: message.ids.length, length: message.length, reason: error.message }, 'SMS not accepted by the SMSC');
      fail(message, error);
    }
    if (inflight.size === 0) drained?.();
    pump();
  }

  function onSessionClosed(closed: Session): void {
    if (closed !== session) return;
    const wasBound = bound;
    session = undefined;
    bound = false;
    enquireSentAt = 0;
    const lost = [...inflight.values()];
    inflight.clear();
    retries = [...lost, ...retries];
    drained?.();
    if (closing || fatal) return;
    if (wasBound) log?.warn({ ...where, resending: lost.length }, 'SMPP connection lost');
    const delay = backoff(options.reconnectMinMs ?? 500, options.reconnectMaxMs ?? 30_000, attempt);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, delay);
  }

  function giveUp(error: DomainError): void {
    fatal = error;
    log?.error({ ...where, reason: error.message }, 'SMPP bind refused');
    settleReady(error);
    for (const part of [...retries, ...queue.drain(), ...inflight.values()]) fail(part.message, error);
    retries = [];
    session?.destroy();
  }

  function connect(): void {
    if (closing || fatal) return;
    const current = smpp.connect({ host, port });
    session = current;
    bound = false;
    connectingSince = now();
    current.on('error', (error) => {
      if (!bound) log?.warn({ ...where, reason: error.message }, 'SMPP connection failed');
    });
    current.on('close', () => onSessionClosed(current));
    current.on('pdu', () => { lastHeard = now(); });
    current.on('enquire_link', (pdu) => current.send(pdu.response()));
    current.on('unbind', (pdu) => {
      current.send(pdu.response());
      current.close();
    });
    current.on('deliver_sm', (pdu) => {
      void answerDeliverSm(pdu, options, log).then((status) => sendInTurn(current, pdu.response({ command_status: status })));
    });
    current.on('connect', () => {
      current.bind_transceiver({ system_id: systemId, password, interface_version: 0x34 }, (response) => {
        if (current !== session) return;
        const status = response.command_status;
        if (status === smpp.ESME_ROK) {
          bound = true;
          everBound = true;
          attempt = 0;
          lastHeard = now();
          log?.info(where, 'SMPP bound as transceiver');
          settleReady();
          pump();
          return;
        }
        const error = new DomainError('SMPP_BIND_FAILED', `the SMSC at ${host}:${port} refused bind_transceiver as "${systemId}": ${describeStatus(status)}`);
        if (!everBound && BAD_CREDENTIALS.has(status)) return giveUp(error);
        log?.error({ ...where, reason: error.message }, 'SMPP bind refused; will retry');
        current.destroy();
      });
    });
  }

  // One timer watches everything that can hang: a connect or bind, an unanswered submit, the link.
  const watchdog = setInterval(() => {
    const current = session;
    if (!current) return;
    const at = now();
    const oldest = inflight.values().next().value;
    const stalled = (!bound && at - connectingSince > responseTimeoutMs)
      || (oldest !== undefined && at - oldest.sentAt > responseTimeoutMs)
      || (enquireSentAt > 0 && at - enquireSentAt > responseTimeoutMs);
    if (stalled) {
      log?.warn({ ...where, inflight: inflight.size }, 'SMSC not answering; reconnecting');
      current.destroy();
    } else if (bound && enquireSentAt === 0 && at - lastHeard >= enquireLinkMs) {
      enquireSentAt = at;
      current.enquire_link({}, () => { enquireSentAt = 0; });
    }
  }, Math.max(10, Math.min(1000, responseTimeoutMs / 4, enquireLinkMs / 2)));

  connect();

  function submit(request: SubmitRequest): Promise<SubmitResult> {
    if (fatal) return Promise.reject(fatal);
    if (closing) return Promise.reject(new DomainError('SMPP_CLOSED', 'the SMPP client is closed'));
    try {
      const destination = destinationAddress(request.destination);
      const source = request.source === undefined ? defaultSource : sourceAddress(request.source);
      const encoded = encodeSegments(request.text, reference, encoding);
      if (encoded.parts.length > maxSegments) {
        throw new DomainError('SMS_TOO_LONG', `the text needs ${encoded.parts.length} SMS; at most ${maxSegments} are allowed`);
      }
      if (encoded.parts.length > 1) reference = (reference + 1) % 256;
      return new Promise<SubmitResult>((resolve, reject) => {
        const message: Outgoing = {
          destination, source, dataCoding: encoded.dataCoding, esmClass: encoded.esmClass,
          ids: encoded.parts.map(() => ''), length: request.text.length, unanswered: encoded.parts.length,
          settled: false, resolve, reject,
        };
        encoded.parts.forEach((bytes, index) => {
          queue.push({ message, index, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), throttles: 0, sentAt: 0 });
        });
        pump();
      });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  function ready(): Promise<void> {
    if (fatal) return Promise.reject(fatal);
    if (closing) return Promise.reject(new DomainError('SMPP_CLOSED', 'the SMPP client is closed'));
    if (bound) return Promise.resolve();
    return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }));
  }

  let closed: Promise<void> | undefined;
  async function shutDown(): Promise<void> {
    closing = true;
    clearTimeout(reconnectTimer);
    clearTimeout(pumpTimer);
    const stopped = new DomainError('SMPP_CLOSED', 'the SMPP client closed before this SMS was sent');
    settleReady(stopped);
    for (const part of [...retries, ...queue.drain()]) fail(part.message, stopped);
    retries = [];
    const wait = (ms: number, until: (done: () => void) => void): Promise<void> => new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      until(() => { clearTimeout(timer); resolve(); });
    });
    // Let answers to parts already sent arrive, so their callers learn the message ids.
    if (inflight.size > 0) await wait(2000, (done) => { drained = () => { if (inflight.size === 0) done(); }; });
    const current = session;
    if (current && bound) await wait(1000, (done) => { if (!current.unbind({}, () => done())) done(); });
    if (current && !current.socket.destroyed) await wait(1000, (done) => current.close(done));
    current?.destroy();
    clearInterval(watchdog);
    for (const part of inflight.values()) fail(part.message, stopped);
    inflight.clear();
  }

  return {
    submit,
    ready,
    close: () => (closed ??= shutDown()),
  };
}
