// Where Saxla's SMPP traffic goes and how it names the ends: the SMSC URL, the source and
// destination addresses with their TON/NPI, and readable names for SMPP command statuses.
import smpp from 'smpp';
import { DomainError } from '../../domain/errors.ts';

export interface SmppAddress {
  readonly addr: string;
  /** Type of number: 1 international, 5 alphanumeric. */
  readonly ton: number;
  /** Numbering plan: 1 E.164 (ISDN), 0 unknown (alphanumeric). */
  readonly npi: number;
}

const statusNames = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

export function describeStatus(status: number): string {
  return `${statusNames.get(status) ?? 'unknown status'} (0x${status.toString(16).padStart(2, '0')})`;
}

/** smpp://system_id:password@host:port; the error never repeats the URL, which holds a password. */
export function parseSmppUrl(url: string): { host: string; port: number; systemId: string; password: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('CONFIG_INVALID', 'SMPP_URL is not a URL (expected smpp://system_id:password@host:port)');
  }
  if (parsed.protocol !== 'smpp:' || parsed.hostname === '' || parsed.username === '') {
    throw new DomainError('CONFIG_INVALID', 'SMPP_URL must look like smpp://system_id:password@host:port');
  }
  try {
    return {
      host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: parsed.port === '' ? 2775 : Number(parsed.port),
      systemId: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    };
  } catch {
    throw new DomainError('CONFIG_INVALID', 'SMPP_URL has a badly percent-encoded system_id or password');
  }
}

/**
 * Alphanumeric sender IDs go as TON 5 / NPI 0; full numbers as international E.164 (TON 1 /
 * NPI 1). Short codes are numbered differently by each operator and are not handled here.
 */
export function sourceAddress(sender: string): SmppAddress {
  if (/^\+?\d{7,15}$/.test(sender)) return { addr: sender.replace(/^\+/, ''), ton: 1, npi: 1 };
  if (/^[A-Za-z0-9 .&_-]{1,11}$/.test(sender)) return { addr: sender, ton: 5, npi: 0 };
  throw new DomainError('VALIDATION_FAILED', 'a sender ID is at most 11 letters, digits or spaces, or a phone number');
}

/** E.164 without the '+', as destination_addr with TON 1 / NPI 1 expects. */
export function destinationAddress(msisdn: string): string {
  const digits = msisdn.replace(/^\+/, '');
  if (!/^\d{7,15}$/.test(digits)) throw new DomainError('VALIDATION_FAILED', 'destination must be an E.164 number');
  return digits;
}
