// What arrives from the SMSC in a deliver_sm: a delivery receipt (esm_class message type 0x04) or a
// message a subscriber sent (mobile-originated). Turns either into an event for the application
// and decides the deliver_sm_resp status.
import smpp from 'smpp';
import type { Pdu } from 'smpp';
import { readUserDataHeader, type ConcatenationInfo } from '../../domain/gsm-user-data-header.ts';
import { parseDeliveryReceipt, type DeliveryReceipt } from '../../domain/delivery-receipt.ts';
import { isDomainError } from '../../domain/errors.ts';

export interface ReceiptEvent extends DeliveryReceipt {
  /** The handset's number: E.164 with '+' when the SMSC marks it international, else as written. */
  readonly msisdn: string;
}

export interface MobileOriginatedMessage {
  readonly source: string;
  readonly destination: string;
  readonly text: string;
  readonly dataCoding: number;
  /** Set on one part of a concatenated message; the parts are passed on one by one. */
  readonly concat: ConcatenationInfo | undefined;
}

export interface InboundHandlers {
  /** Awaited before deliver_sm_resp; a rejection asks the SMSC to deliver the receipt again later. */
  readonly onReceipt?: (receipt: ReceiptEvent) => void | Promise<void>;
  readonly onMessage?: (message: MobileOriginatedMessage) => void | Promise<void>;
}

interface InboundLogger {
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

const MESSAGE_TYPE_MASK = 0x3c;
const SMSC_DELIVERY_RECEIPT = 0x04;

/** Hands the deliver_sm to the application; resolves with the command_status to answer. */
export async function answerDeliverSm(pdu: Pdu, handlers: InboundHandlers, log?: InboundLogger): Promise<number> {
  // The smpp package has already decoded the text by data_coding (receipts are plain GSM/ASCII).
  const body = pdu.short_message?.message ?? '';
  const text = typeof body === 'string' ? body : body.toString('latin1');
  try {
    if (((pdu.esm_class ?? 0) & MESSAGE_TYPE_MASK) === SMSC_DELIVERY_RECEIPT) {
      const receipt = parseDeliveryReceipt(text);
      // The TLV carries the id exactly as submit_sm_resp gave it; the text may write it in decimal.
      const messageId = pdu.receipted_message_id ?? receipt.messageId;
      const handset = pdu.source_addr ?? '';
      await handlers.onReceipt?.({ ...receipt, messageId, msisdn: pdu.source_addr_ton === 1 ? `+${handset}` : handset });
    } else {
      const udh = pdu.short_message?.udh;
      await handlers.onMessage?.({
        source: pdu.source_addr ?? '', destination: pdu.destination_addr ?? '', text, dataCoding: pdu.data_coding ?? 0,
        concat: udh ? readConcatenation(udh) : undefined,
      });
    }
    return smpp.ESME_ROK;
  } catch (error) {
    if (isDomainError(error) && error.code === 'DELIVERY_RECEIPT_INVALID') {
      // Answered OK all the same: refusing would make the SMSC resend the same garbage forever.
      log?.warn({ reason: error.message }, 'unreadable delivery receipt');
      return smpp.ESME_ROK;
    }
    log?.error({ reason: error instanceof Error ? error.message : String(error) }, 'deliver_sm handler failed; asking the SMSC to retry');
    return smpp.ESME_RX_T_APPN;
  }
}

/** The package splits a UDH into [id, length, ...data] elements; rebuild it and read it our way. */
function readConcatenation(elements: Buffer[]): ConcatenationInfo | undefined {
  const header = Buffer.concat(elements);
  try {
    return readUserDataHeader(0x40, Buffer.concat([Buffer.from([header.length]), header])).concat;
  } catch {
    return undefined; // a malformed header still leaves a readable text
  }
}
