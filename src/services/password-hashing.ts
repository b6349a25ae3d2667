// Passwords as argon2id (ASVS 5.0: at least 19 MiB and 2 passes). Parameters are explicit so a
// library default can never weaken them; tests may pass lighter ones through deps.
import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

export interface PasswordHashingOptions {
  /** KiB of memory per hash. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const productionPasswordHashing: PasswordHashingOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

// The library's Algorithm is a const enum, which erasable-only TypeScript cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(password: string, options: PasswordHashingOptions = productionPasswordHashing): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: options.memoryCost, timeCost: options.timeCost, parallelism: options.parallelism });
}

const dummyHashes = new Map<string, Promise<string>>();

/** A hash of a random password with the same parameters, so an unknown account costs the same time. */
function dummyHash(options: PasswordHashingOptions): Promise<string> {
  const key = `${options.memoryCost}/${options.timeCost}/${options.parallelism}`;
  let found = dummyHashes.get(key);
  if (!found) {
    found = hashPassword(randomBytes(18).toString('base64url'), options);
    dummyHashes.set(key, found);
  }
  return found;
}

/** The hash a check runs against: the stored one, or for no account a dummy made with the same parameters. */
export async function passwordCheckTarget(stored: string | undefined, options: PasswordHashingOptions = productionPasswordHashing): Promise<string> {
  return stored ?? dummyHash(options);
}

/**
 * True when the password matches. With no stored hash (no such account) it still verifies,
 * against a dummy, and answers false: an unknown number and a wrong password look alike.
 */
export async function verifyPassword(stored: string | undefined, password: string, options: PasswordHashingOptions = productionPasswordHashing): Promise<boolean> {
  const target = await passwordCheckTarget(stored, options);
  let matches: boolean;
  try {
    matches = await verify(target, password);
  } catch {
    // A stored hash that does not parse is treated as a mismatch, never as a crash that tells.
    matches = false;
  }
  return stored !== undefined && matches;
}

/** True when a stored hash was made with other parameters than today's: rehash at the next login. */
export function needsRehash(stored: string, options: PasswordHashingOptions = productionPasswordHashing): boolean {
  try {
    const p = parseOptions(stored);
    return p.algorithm !== ARGON2ID || p.memoryCost !== options.memoryCost || p.timeCost !== options.timeCost || p.parallelism !== options.parallelism;
  } catch {
    return true;
  }
}
