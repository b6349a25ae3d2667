// The check code that ends every Saxla SMS, so a customer can confirm on the portal that a message
// really came from us. Six characters without look-alikes (no I, O, 0, 1), at least one a letter,
// so it never looks like a six-digit one-time code.
import { DomainError } from './errors.ts';
import type { Locale } from './money.ts';

declare const checkCodeBrand: unique symbol;
export type CheckCode = string & { readonly [checkCodeBrand]: true };

export const CHECK_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CHECK_CODE_LENGTH = 6;
/**
 * Enough random bytes that running out is practically impossible: a draw is thrown away only when
 * all six characters are digits (1 in 4 096), and four draws in a row fail about once in 2.8e14.
 */
export const CHECK_CODE_RANDOM_BYTES = CHECK_CODE_LENGTH * 4;

const checkCodePattern = /^[A-HJ-NP-Z2-9]{6}$/;
const letterPattern = /[A-Z]/;

export function isCheckCode(text: string): text is CheckCode {
  return checkCodePattern.test(text) && letterPattern.test(text);
}

/**
 * A uniformly random check code from bytes the caller drew from a CSPRNG (the domain draws none
 * itself). Bytes at or above the largest multiple of the alphabet size are skipped so every
 * character is equally likely, and a draw of only digits is discarded whole (fixing one character
 * up would favour letters in that place). Undefined when the bytes run out: draw more and retry.
 */
export function checkCodeFromRandom(bytes: Uint8Array): CheckCode | undefined {
  const size = CHECK_CODE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  for (const byte of bytes) {
    if (byte >= limit) continue;
    code += CHECK_CODE_ALPHABET.charAt(byte % size);
    if (code.length < CHECK_CODE_LENGTH) continue;
    if (isCheckCode(code)) return code;
    code = '';
  }
  return undefined;
}

const labels: Readonly<Record<Locale, string>> = {
  en: 'Check code',
  az: 'Yoxlama kodu',
  ru: 'Код проверки',
  zh: '校验码',
  tr: 'Kontrol kodu',
};

/** The SMS text with its check code as the last line, labelled in the customer's language. */
export function appendCheckCode(text: string, code: string, language: Locale): string {
  if (!isCheckCode(code)) throw new DomainError('CHECK_CODE_INVALID', 'not a check code (6 of A–Z without I and O, 2–9, with a letter)');
  const body = text.replace(/\s+$/u, '');
  const line = `${labels[language]}: ${code}`;
  return body.length === 0 ? line : `${body}\n${line}`;
}
