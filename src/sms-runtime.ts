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
  readonly useCases: Pick<UseCases, 'smsOutbox' | 'recordDeliveryReceipt'>;
  readonly now: () => Instant;
  readonly url: string;
  readonly sender: string;
  readonly logger: SmppLogger;
  /** SMS_NATIONAL_LANGUAGE_TABLES (parseNationalLanguageTables); unset: none. */
  readonly nationalLanguageTables?: readonly NationalLanguage[];
}

export function startSmsSending(options: SmsSendingOptions): { stop(): Promise<void> } {
  const { useCases, now, logger } = options;
  const client = createSmppClient({
    url: options.url, sender: options.sender, logger, nationalLanguageTables: options.nationalLanguageTables ?? [],
    // Only the id, number and status are used; the receipt's text may hold a code and goes nowhere.
    onReceipt: (receipt) => useCases.recordDeliveryReceipt(receipt).then(() => undefined),
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
