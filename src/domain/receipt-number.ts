// A receipt's public number: STORE-SEQUENCE-CHECK, e.g. BAK1-000042-K7QXM2PA9T. The sequence is
// gapless per store, so anyone can guess it; the check (an HMAC, made in services) is what makes a
// number unguessable: 10 characters of 32 are 2^50 tries, hopeless at 60 verifications a minute.

/** No I, O, 0 or 1: nothing a person copying a receipt can misread. */
export const RECEIPT_CHECK_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECEIPT_CHECK_LENGTH = 10;

/** The public verifier allows this many checks a minute from one address, malformed ones counted. */
export const RECEIPT_CHECKS_PER_MINUTE = 60;

const receiptNumberPattern = new RegExp(`^[A-Z0-9]{2,6}-\\d{6,}-[${RECEIPT_CHECK_ALPHABET}]{${RECEIPT_CHECK_LENGTH}}$`);

export function formatReceiptNumber(storeCode: string, seq: number, check: string): string {
  return `${storeCode}-${String(seq).padStart(6, '0')}-${check}`;
}

/** A typed or scanned number in its printed form (upper case, no surrounding spaces), or undefined when it cannot be one. */
export function readReceiptNumber(text: string): string | undefined {
  const number = text.trim().toUpperCase();
  return receiptNumberPattern.test(number) ? number : undefined;
}
