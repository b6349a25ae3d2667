// Staff sign-in: password (argon2id) and then a TOTP code, every time. Until an account has
// confirmed one code from its authenticator (enrolment, which shows the QR code), the password
// alone opens only a pending session that can do nothing but enrol. Sessions end after 15
// minutes idle or 10 hours (a shift).
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Instant } from '../domain/calendar.ts';
import { STAFF_LOGIN_FAILURES_PER_ACCOUNT, STAFF_LOGIN_FAILURES_PER_ADDRESS } from '../domain/counter-rules.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { parseStaffName } from '../domain/staff-name.ts';
import type { Database, Sql } from '../db/database.ts';
import {
  claimTotpStep, findStaffById, findStaffByPhone, findStaffSession, insertStaff, insertStaffSession, revokeStaffSession,
  setStaffPassword, touchStaffSession, type StaffMember, type StaffRole,
} from '../db/staff-repository.ts';
import { findStore } from '../db/store-repository.ts';
import { deleteThrottleEvents } from '../db/throttle-repository.ts';
import { takeThrottleSlot } from './auth-throttle.ts';
import { addressKey } from './customer-sessions.ts';
import { hashPassword, productionPasswordHashing, verifyPassword, type PasswordHashingOptions } from './password-hashing.ts';
import { writeAudit, type RequestOrigin } from './staff-audit.ts';
import { isHeadOfficeRole } from './staff-scope.ts';
import { decryptTotpSecret, encryptTotpSecret, staffTokenHash } from './staff-crypto.ts';

export const STAFF_IDLE_MS = 15 * 60 * 1000;
export const STAFF_ABSOLUTE_MS = 10 * 60 * 60 * 1000;
const TOTP_ISSUER = 'Saxla staff';

export interface StaffDeps {
  readonly db: Database;
  readonly now: () => Instant;
  /** SAXLA_SECRET: derives the keys for TOTP secrets, document HMACs and session tokens. */
  readonly secret: string;
  readonly passwordHashing?: PasswordHashingOptions;
}

export interface NewStaffCredentials {
  readonly staffId: string;
  /** Shown once; the holder must change it at first sign-in. */
  readonly initialPassword: string;
  /** Base32, shown once for typing into an authenticator app. */
  readonly totpSecret: string;
  readonly otpauthUri: string;
}

export function otpauthUri(phone: string, totpSecret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: phone, secret: totpSecret });
}

/** Creates a staff account with a one-time password and a fresh TOTP secret. */
export async function createStaff(
  deps: StaffDeps, input: { role: StaffRole; storeId: string | null; phone: string; name?: string | undefined }, actor: { staffId: string | null; origin: RequestOrigin },
): Promise<NewStaffCredentials> {
  const phone = parseMsisdn(input.phone);
  const name = parseStaffName(input.name);
  if (!isHeadOfficeRole(input.role) && input.storeId === null) throw new DomainError('VALIDATION_FAILED', 'agents and managers belong to a store: give --store');
  // Marketing works for the whole operator: no store, whatever store was named (so no counter work).
  const storeId = input.role === 'marketing' ? null : input.storeId;
  const initialPassword = randomBytes(12).toString('base64url');
  const totpSecret = generateSecret();
  const passwordHash = await hashPassword(initialPassword, deps.passwordHashing ?? productionPasswordHashing);
  const staffId = `stf_${randomBytes(8).toString('hex')}`;
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    if (storeId !== null && !(await findStore(sql, storeId))) throw new DomainError('STORE_NOT_FOUND', `no store ${storeId}`);
    if (await findStaffByPhone(sql, phone)) throw new DomainError('VALIDATION_FAILED', `a staff account with ${phone} exists already`);
    await insertStaff(sql, { id: staffId, role: input.role, storeId, phone, name, passwordHash, totpSecretSealed: encryptTotpSecret(deps.secret, totpSecret) }, new Date(now));
    await writeAudit(sql, { staffId: actor.staffId, storeId, action: 'staff.create', detail: { newStaffId: staffId, role: input.role } }, actor.origin, now);
  });
  return { staffId, initialPassword, totpSecret, otpauthUri: otpauthUri(phone, totpSecret) };
}

async function checkTotp(sql: Sql, deps: StaffDeps, staff: StaffMember, code: string, enrol: boolean, now: Instant): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const secret = decryptTotpSecret(deps.secret, staff.totpSecretSealed);
  // One step either side allows for a phone clock a little off.
  const result = await verify({ secret, token: code, epoch: Math.floor(now / 1000), epochTolerance: 30 });
  if (!result.valid) return false;
  // The step the code belongs to: a step is accepted once (no replay within its 30 s).
  const step = Math.floor(now / 1000 / 30) + result.delta;
  return claimTotpStep(sql, staff.id, step, enrol, new Date(now));
}

export interface StaffLogin {
  readonly token: string;
  readonly stage: 'pending' | 'full';
  readonly staffId: string;
}

async function openSession(sql: Sql, deps: StaffDeps, staffId: string, stage: 'pending' | 'full', now: Instant): Promise<StaffLogin> {
  const token = randomBytes(32).toString('base64url');
  await insertStaffSession(sql, staffTokenHash(deps.secret, token), staffId, stage, new Date(now));
  return { token, stage, staffId };
}

/**
 * Counts an attempt as failed before anything is checked (per account and per address), so
 * parallel guesses cannot slip under the limit; a sign-in that opens a session takes its events
 * back. Refused attempts are audited and leave no event (they do not extend the wait).
 */
async function takeLoginSlots(sql: Sql, deps: StaffDeps, phone: string | undefined, staff: StaffMember | undefined, origin: RequestOrigin, now: Instant): Promise<number[] | DomainError> {
  const slots: number[] = [];
  const account = phone === undefined ? undefined : await takeThrottleSlot(sql, 'staff_login_failure_account', phone, STAFF_LOGIN_FAILURES_PER_ACCOUNT, now);
  if (account !== undefined) slots.push(account);
  const address = account === undefined && phone !== undefined ? undefined
    : await takeThrottleSlot(sql, 'staff_login_failure_address', addressKey(deps.secret, origin.ip ?? 'unknown'), STAFF_LOGIN_FAILURES_PER_ADDRESS, now);
  if (address !== undefined) slots.push(address);
  if ((phone !== undefined && account === undefined) || address === undefined) {
    await deleteThrottleEvents(sql, slots);
    await writeAudit(sql, { staffId: staff?.id ?? null, storeId: staff?.storeId ?? null, action: 'staff.login_throttled' }, origin, now);
    return new DomainError('RATE_LIMITED', 'too many failed sign-ins for this account or from this address; wait 15 minutes and try again');
  }
  return slots;
}

/** Password and TOTP code together; an account not yet enrolled gets a pending session. */
export async function logInStaff(deps: StaffDeps, input: { phone: string; password: string; totpCode?: string }, origin: RequestOrigin): Promise<StaffLogin> {
  const now = deps.now();
  let phone: string | undefined;
  try {
    phone = parseMsisdn(input.phone);
  } catch (error) {
    // A number that does not parse signs in as nobody (and is throttled like any miss); anything else is a bug.
    if (!isDomainError(error)) throw error;
    phone = undefined;
  }
  const staff = phone === undefined ? undefined : await findStaffByPhone(deps.db, phone);
  const slots = await deps.db.tx((sql) => takeLoginSlots(sql, deps, phone, staff, origin, now));
  if (slots instanceof DomainError) throw slots;
  const passwordOk = await verifyPassword(staff?.active ? staff.passwordHash : undefined, input.password, deps.passwordHashing ?? productionPasswordHashing);
  // Failures are audited in their own committed transaction (with their throttle events), then thrown.
  const outcome = await deps.db.tx(async (sql): Promise<StaffLogin | DomainError> => {
    if (!staff || !passwordOk) {
      await writeAudit(sql, { staffId: staff?.id ?? null, storeId: staff?.storeId ?? null, action: 'staff.login_failed', detail: { reason: 'password' } }, origin, now);
      return new DomainError('INVALID_CREDENTIALS', 'wrong phone number or password');
    }
    if (!staff.totpEnrolled) {
      await deleteThrottleEvents(sql, slots);
      await writeAudit(sql, { staffId: staff.id, storeId: staff.storeId, action: 'staff.login_pending_enrolment' }, origin, now);
      return openSession(sql, deps, staff.id, 'pending', now);
    }
    if (input.totpCode === undefined || input.totpCode === '') return new DomainError('TOTP_REQUIRED', 'enter the 6-digit code from your authenticator app');
    if (!(await checkTotp(sql, deps, staff, input.totpCode.trim(), false, now))) {
      await writeAudit(sql, { staffId: staff.id, storeId: staff.storeId, action: 'staff.login_failed', detail: { reason: 'totp' } }, origin, now);
      return new DomainError('TOTP_INVALID', 'that code is wrong or was used already; wait for the next one');
    }
    await deleteThrottleEvents(sql, slots);
    await writeAudit(sql, { staffId: staff.id, storeId: staff.storeId, action: 'staff.login' }, origin, now);
    return openSession(sql, deps, staff.id, 'full', now);
  });
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}

export interface AuthenticatedStaff {
  readonly sessionId: number;
  readonly stage: 'pending' | 'full';
  readonly staff: StaffMember;
}

/** The session behind a cookie, if live; touches it (the idle clock restarts). */
export async function authenticateStaff(deps: StaffDeps, token: string): Promise<AuthenticatedStaff | undefined> {
  const now = deps.now();
  const session = await findStaffSession(deps.db, staffTokenHash(deps.secret, token));
  if (!session) return undefined;
  if (now - session.lastSeenAt.getTime() > STAFF_IDLE_MS || now - session.createdAt.getTime() > STAFF_ABSOLUTE_MS) {
    await revokeStaffSession(deps.db, session.id, new Date(now));
    return undefined;
  }
  const staff = await findStaffById(deps.db, session.staffId);
  if (!staff?.active) return undefined;
  await touchStaffSession(deps.db, session.id, new Date(now));
  return { sessionId: session.id, stage: session.stage, staff };
}

/** The QR code's content while enrolling (pending sessions only). */
export function enrolmentUri(deps: StaffDeps, staff: StaffMember): string {
  if (staff.totpEnrolled) throw new DomainError('FORBIDDEN', 'this account is enrolled already');
  return otpauthUri(staff.phone, decryptTotpSecret(deps.secret, staff.totpSecretSealed));
}

/** The first code from the authenticator: enrols it and replaces the pending session by a full one. */
export async function confirmEnrolment(deps: StaffDeps, who: AuthenticatedStaff, code: string, origin: RequestOrigin): Promise<StaffLogin> {
  const now = deps.now();
  const outcome = await deps.db.tx(async (sql): Promise<StaffLogin | DomainError> => {
    const staff = await findStaffById(sql, who.staff.id, true);
    if (!staff || who.stage !== 'pending') return new DomainError('FORBIDDEN', 'nothing to enrol');
    // Enrolment codes count against the account's sign-in limit: a pending session must not be a
    // way to try every code.
    const slot = await takeThrottleSlot(sql, 'staff_login_failure_account', staff.phone, STAFF_LOGIN_FAILURES_PER_ACCOUNT, now);
    if (slot === undefined) {
      await writeAudit(sql, { staffId: staff.id, storeId: staff.storeId, action: 'staff.login_throttled', detail: { step: 'enrol' } }, origin, now);
      return new DomainError('RATE_LIMITED', 'too many wrong codes; wait 15 minutes and try again');
    }
    if (!(await checkTotp(sql, deps, staff, code.trim(), true, now))) {
      await writeAudit(sql, { staffId: staff.id, storeId: staff.storeId, action: 'staff.enrol_failed' }, origin, now);
      return new DomainError('TOTP_INVALID', 'that code is wrong; check the time on your phone and try the next code');
    }
    await deleteThrottleEvents(sql, [slot]);
    await revokeStaffSession(sql, who.sessionId, new Date(now));
    await writeAudit(sql, { staffId: staff.id, storeId: staff.storeId, action: 'staff.totp_enrolled' }, origin, now);
    return openSession(sql, deps, staff.id, 'full', now);
  });
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}

export async function changeStaffPassword(deps: StaffDeps, who: AuthenticatedStaff, current: string, next: string, origin: RequestOrigin): Promise<void> {
  if (next.length < 12) throw new DomainError('PASSWORD_TOO_WEAK', 'use at least 12 characters');
  const options = deps.passwordHashing ?? productionPasswordHashing;
  if (!(await verifyPassword(who.staff.passwordHash, current, options))) throw new DomainError('INVALID_CREDENTIALS', 'the current password is wrong');
  const hash = await hashPassword(next, options);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    await setStaffPassword(sql, who.staff.id, hash);
    await writeAudit(sql, { staffId: who.staff.id, storeId: who.staff.storeId, action: 'staff.password_changed' }, origin, now);
  });
}

export async function logOutStaff(deps: StaffDeps, who: AuthenticatedStaff, origin: RequestOrigin): Promise<void> {
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    await revokeStaffSession(sql, who.sessionId, new Date(now));
    await writeAudit(sql, { staffId: who.staff.id, storeId: who.staff.storeId, action: 'staff.logout' }, origin, now);
  });
}
