// An AZQR-style payment payload: EMVCo merchant-presented QR (tag-length-value, CRC-16/CCITT-FALSE
// at the end), dynamic, with the amount in AZN (ISO 4217 944) and the payment reference.
import type { Qepik } from './money.ts';

function tlv(tag: string, value: string): string {
  return `${tag}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as EMVCo QR asks, in 4 upper-case hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export interface AzqrInput {
  readonly merchantId: string;
  readonly merchantName: string;
  readonly city: string;
  readonly amount: Qepik;
  /** The provider's payment reference: the bank app sends it back in the notification. */
  readonly reference: string;
}

export function buildAzqrPayload(input: AzqrInput): string {
  const manat = `${Math.trunc(input.amount / 100)}.${String(input.amount % 100).padStart(2, '0')}`;
  const body = [
    tlv('00', '01'),
    tlv('01', '12'),
    tlv('26', tlv('00', 'az.saxla.pay') + tlv('01', input.merchantId)),
    tlv('52', '4814'),
    tlv('53', '944'),
    tlv('54', manat),
    tlv('58', 'AZ'),
    tlv('59', input.merchantName.slice(0, 25)),
    tlv('60', input.city.slice(0, 15)),
    tlv('62', tlv('05', input.reference.slice(0, 25))),
  ].join('');
  const withCrcTag = `${body}6304`;
  return withCrcTag + crc16(withCrcTag);
}

/** Reads the top-level fields back (tests, and the bank-app simulator). */
export function parseAzqrPayload(payload: string): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  while (i + 4 <= payload.length) {
    const tag = payload.slice(i, i + 2);
    const length = Number(payload.slice(i + 2, i + 4));
    fields.set(tag, payload.slice(i + 4, i + 4 + length));
    i += 4 + length;
  }
  return fields;
}
