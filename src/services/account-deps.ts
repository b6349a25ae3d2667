// What the account use cases need; each takes only the part it uses (Pick<AccountDeps, ...>).
import type { Instant } from '../domain/calendar.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';
import type { PasswordHashingOptions } from './password-hashing.ts';

export interface AccountDeps {
  readonly db: Database;
  readonly now: () => Instant;
  /** SAXLA_SECRET: keys the HMACs of one-time codes, session tokens and callers' addresses. */
  readonly secret: string;
  /** Production argon2id parameters unless a test passes lighter ones. */
  readonly passwordHashing?: PasswordHashingOptions;
  readonly policy: ValidityPolicy;
}
