// The SMS side of `saxla serve`: the SMSC (the operator's, or an in-process simulator on a loopback
// port when SMPP_URL is unset), the SMPP client bound to it, and the outbox worker that feeds it.
import { randomBytes } from 'node:crypto';
import type { Instant } from './domain/calendar.ts';
import type { DemoPhoneInbox } from './channels/http/routes/demo-phone.ts';
import { createSmppClient, type SmppLogger } from './channels/sms/smpp-client.ts';
import type { NationalLanguage } from './domain/gsm-alphabets.ts';
import { createSmscSimulator } from './channels/sms/smsc-simulator.ts';
import { createSmsOutboxWorker } from './jobs/sms-outbox-worker.ts';
import type { UseCases } from './services/use-cases.ts';
import type { ReceiptInput } from './services/record-delivery-receipt.ts';
import { createBatcher } from './batching.ts';

/** At most this many receipts in one transaction (its locks are held while it is written). */
const RECEIPT_BATCH = 500;

export interface Smsc {
  readonly url: string;
  /** Present when the simulator runs: what each number received, for the demo phone. */
  readonly demoPhone: DemoPhoneInbox | undefined;
  close(): Promise<void>;
}

export async function startSmsc(smppUrl: string | undefined, mode: 'demo' | 'production', logger?: SmppLogger): Promise<Smsc> {
  if (smppUrl) return { url: smppUrl, demoPhone: undefined, close: async () => undefined };
  // Config refuses production without SMPP_URL; this guard keeps the simulator out of it regardless.
  if (mode === 'production') throw new Error('production needs SMPP_URL: the SMSC simulator runs in demo mode only');
  // Loopback only, with a password made up for this run: nothing else can bind to it.
  const password = randomBytes(12).toString('hex');
  const simulator = createSmscSimulator({ systemId: 'saxla', password, ...(logger ? { logger } : {}) });
  const port = await simulator.listen(0, '127.0.0.1');
  return { url: `smpp://saxla:${password}@127.0.0.1:${port}`, demoPhone: simulator, close: () => simulator.close() };
}

export interface SmsSendingOptions {
  /** The outbox's steps and the delivery receipts' use case, from createUseCases. */
  readonly useCases: Pick<UseCases, 'smsOutbox' | 'recordDeliveryReceipts'>;
  readonly now: () => Instant;
  readonly url: string;
  readonly sender: string;
  readonly logger: SmppLogger;
  /** SMS_NATIONAL_LANGUAGE_TABLES (parseNationalLanguageTables); unset: none. */
  readonly nationalLanguageTables?: readonly NationalLanguage[];
  /** SMS_MAX_PER_SECOND: parts per second for the fleet (only the lock holder sends); 0: none. */
  readonly ratePerSecond?: number;
}

export function startSmsSending(options: SmsSendingOptions): { stop(): Promise<void> } {
  const { useCases, now, logger } = options;
  // Receipts arrive at the pace messages are sent: those that come while one batch is written go in the next.
  const receipts = createBatcher<ReceiptInput, unknown>((batch) => useCases.recordDeliveryReceipts(batch), RECEIPT_BATCH);
  const client = createSmppClient({
    url: options.url, sender: options.sender, logger, nationalLanguageTables: options.nationalLanguageTables ?? [],
    ratePerSecond: options.ratePerSecond ?? 0,
    // Only the id, number and status are used; the receipt's text may hold a code and goes nowhere.
    onReceipt: (receipt) => receipts.add(receipt).then(() => undefined),
  });
  const worker = createSmsOutboxWorker({ outbox: useCases.smsOutbox, transport: client, now, sender: options.sender, logger });
  worker.start();
  return {
    async stop() {
      const stopping = worker.stop();
      // Closing the client fails the parts it never sent; the worker puts those back in the queue.
      await client.close();
      await stopping;
    },
  };
}

export interface LeaderSmsOptions extends SmsSendingOptions {
  /** useCases.trySmsSenderLock: held by one process of the fleet at a time. */
  readonly tryLock: UseCases['trySmsSenderLock'];
  /** How often a process without the lock asks again (the sender's successor takes over within this). */
  readonly retryMs?: number;
}

/**
 * Sends SMS while this process holds the fleet's sender lock; without it, asks again every
 * `retryMs`. When the lock's connection is lost (the database restarted, a failover) this
 * process stops sending and competes for the lock again, so two senders never overlap for long.
 */
export function startSmsSendingWhenLeader(options: LeaderSmsOptions): { stop(): Promise<void> } {
  const retryMs = options.retryMs ?? 5000;
  let stopped = false;
  let sending: { stop(): Promise<void> } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let release: (() => Promise<void>) | undefined;
  let wakeUp = (): void => undefined;

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const lock = await options.tryLock();
        if (lock && !stopped) {
          release = lock.release;
          options.logger.info({}, 'this process sends the SMS (it holds the sender lock)');
          sending = startSmsSending(options);
          await Promise.race([lock.lost, new Promise<void>((resolve) => { wakeUp = resolve; })]);
          const was = sending;
          sending = undefined;
          await was.stop();
          await lock.release();
          release = undefined;
          if (!stopped) options.logger.warn({}, 'the SMS sender lock was lost; this process stops sending and asks again');
        } else if (lock) {
          await lock.release();
        }
      } catch (error) {
        // The database is away: ask again later; the process holding the lock (if any) goes on.
        options.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'cannot ask for the SMS sender lock now');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, retryMs);
        timer.unref();
      });
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wakeUp();
      await running;
      await sending?.stop();
      await release?.();
    },
  };
}
