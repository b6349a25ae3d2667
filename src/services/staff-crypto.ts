// Keys derived from SAXLA_SECRET for the staff side, one per purpose (HKDF), so no key stands for
// another: TOTP secrets are encrypted (AES-256-GCM), document numbers and receipt checks are HMACs.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { RECEIPT_CHECK_ALPHABET, RECEIPT_CHECK_LENGTH } from '../domain/receipt-number.ts';

type Purpose = 'staff-totp' | 'id-document' | 'receipt-check' | 'qr-webhook' | 'staff-session';

export function deriveKey(secret: string, purpose: Purpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'saxla-staff', purpose, 32));
}

/** "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encryptTotpSecret(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, 'staff-totp'), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptTotpSecret(secret: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('a TOTP secret is stored in an unknown form');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, 'staff-totp'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Letters and digits only, upper case: "AB 123-456" and "ab123456" are the same document. */
export function normalizeDocumentNumber(number: string): string {
  return number.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The only form in which a document number is kept: an HMAC over type, country and number. */
export function documentHash(secret: string, type: string, country: string, number: string): string {
  return createHmac('sha256', deriveKey(secret, 'id-document')).update(`${type}\u0000${country}\u0000${normalizeDocumentNumber(number)}`).digest('hex');
}

/** The receipt number's check (RECEIPT_CHECK_LENGTH characters): what makes a number unguessable from its neighbours. */
export function receiptCheck(secret: string, storeCode: string, seq: number): string {
  const mac = createHmac('sha256', deriveKey(secret, 'receipt-check')).update(`${storeCode}-${seq}`).digest();
  // 256 is a multiple of 32: each byte picks a character without bias.
  return Array.from(mac.subarray(0, RECEIPT_CHECK_LENGTH), (b) => RECEIPT_CHECK_ALPHABET[b % RECEIPT_CHECK_ALPHABET.length]).join('');
}

export function staffTokenHash(secret: string, token: string): string {
  return createHmac('sha256', deriveKey(secret, 'staff-session')).update(token).digest('hex');
}
