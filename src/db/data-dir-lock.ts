// PGlite has no lock of its own: two processes on one folder silently lose writes. Saxla holds
// this lock file while it owns the embedded database; a second process is refused clearly.
//
// Exclusive without an OS file lock (Node has no flock): a lock is written whole to a private
// temporary file and link()ed into place, which fails with EEXIST when a lock is there, so no
// reader ever sees an empty or half-written lock. A stale lock (its process gone, or its PID now
// another process: the recorded start time differs) is replaced only by the one process that
// link()s the claim file named after that lock's content hash; the claimant re-reads the lock and
// rename()s its own over it only if it is still that stale one. A claimant that dies mid-way is
// itself stale, and its claim is taken over the same way, so a crash never blocks start-up.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../domain/errors.ts';

export interface LockOwner {
  readonly pid: number;
  readonly command: string;
  readonly startedAt: string;
  readonly url?: string;
  /** Identifies the process behind `pid` (boot id and start time), so a reused PID is not taken for the owner. */
  readonly processStart?: string;
  /** Makes every lock's content, and so its claim file's name, unique. */
  readonly nonce?: string;
}

const LOCK_FILE = 'saxla.lock';
const CLAIM_PREFIX = `${LOCK_FILE}.claim-`;
const TMP_PREFIX = `${LOCK_FILE}.tmp-`;
/** How long to wait for a live claimant to finish replacing a stale lock. */
const CLAIM_WAIT_MS = 2_000;

/** Locks this process holds (by content hash), so a second open in the same process is refused. */
const heldHere = new Set<string>();

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function contentId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const owner = value as Partial<LockOwner>;
    return typeof owner.pid === 'number' && Number.isInteger(owner.pid) && owner.pid > 0 ? (owner as LockOwner) : undefined;
  } catch {
    // A legacy or damaged file: no owner can be named, and it is treated as stale.
    return undefined;
  }
}

/** Boot id and start time (clock ticks since boot) on Linux; the start time `ps` reports elsewhere; undefined when gone or unknowable. */
export function processStartOf(pid: number): string | undefined {
  if (process.platform === 'linux') {
    const stat = readText(`/proc/${pid}/stat`);
    if (stat === undefined) return undefined;
    // Field 2 (the command) is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie (exited, not yet reaped by its parent) holds nothing any more.
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    const bootId = readText('/proc/sys/kernel/random/boot_id')?.trim() ?? '';
    return `${bootId}:${fields[19] ?? ''}`;
  }
  if (process.platform === 'win32') return undefined;
  try {
    return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    // ps exits non-zero when there is no such process.
    return undefined;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Whether the process that wrote this lock still runs. A dead one never comes back, so "stale" stays true. */
function ownerAlive(owner: LockOwner | undefined, id: string): boolean {
  if (!owner) return false;
  if (owner.pid === process.pid) return heldHere.has(id);
  if (!pidExists(owner.pid)) return false;
  // Locks from before start times were recorded, or where none can be read: a live PID is taken at its word.
  if (owner.processStart === undefined || process.platform === 'win32') return true;
  // Gone, a zombie, or the PID now another process's.
  return processStartOf(owner.pid) === owner.processStart;
}

export function readLockOwner(dataDir: string): LockOwner | undefined {
  const text = readText(join(dataDir, LOCK_FILE));
  return text === undefined ? undefined : parseOwner(text);
}

function lockedError(dataDir: string, owner: LockOwner | undefined): DomainError {
  if (!owner) return new DomainError('DATABASE_LOCKED', `could not take the lock in ${dataDir}; another process is taking it over`);
  return new DomainError('DATABASE_LOCKED',
    `the embedded database in ${dataDir} is in use by "saxla ${owner.command}" (pid ${owner.pid}, since ${owner.startedAt}). ` +
    'Stop it first, or point both at PostgreSQL with DATABASE_URL.');
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Links `from` to `to`; false when `to` exists. */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Claim and temporary files left by processes that died mid-way; safe to remove once we hold the lock (their targets never come back). */
function removeLitter(dataDir: string, ownId: string): void {
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith(CLAIM_PREFIX) && name !== `${CLAIM_PREFIX}${ownId}`) rmSync(join(dataDir, name), { force: true });
    if (name.startsWith(TMP_PREFIX)) {
      const pid = Number(name.slice(TMP_PREFIX.length).split('-')[0]);
      if (!pidExists(pid)) rmSync(join(dataDir, name), { force: true });
    }
  }
}

/**
 * Tries to replace the stale lock `staleId` through its claim file. Taking a claim whose holder
 * died inherits that holder's right, hence the set of ids this process may replace.
 */
function takeOver(dataDir: string, tmp: string, staleId: string, deadline: number): 'taken' | 'retry' {
  const lockPath = join(dataDir, LOCK_FILE);
  const rights: string[] = [];
  const claims: string[] = [];
  let target = staleId;
  try {
    for (;;) {
      const claim = join(dataDir, `${CLAIM_PREFIX}${target}`);
      if (tryLink(tmp, claim)) {
        claims.push(claim);
        rights.push(target);
        break;
      }
      const claimText = readText(claim);
      if (claimText === undefined) return 'retry';
      const claimId = contentId(claimText);
      if (ownerAlive(parseOwner(claimText), claimId)) {
        if (Date.now() > deadline) throw lockedError(dataDir, undefined);
        sleepSync(5);
        return 'retry';
      }
      // The claimant died mid-way: its claim is now the thing to take over, and its right with it.
      rights.push(target);
      target = claimId;
    }
    const current = readText(lockPath);
    // Gone or replaced since we read it: not ours to replace; start again from the top.
    if (current === undefined || !rights.includes(contentId(current))) return 'retry';
    renameSync(tmp, lockPath);
    return 'taken';
  } finally {
    for (const claim of claims) rmSync(claim, { force: true });
  }
}

/** Takes the lock or throws DATABASE_LOCKED naming the owner; a dead owner's lock is taken over. */
export function acquireDataDirLock(dataDir: string, command: string, url?: string): { release: () => void } {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  const processStart = processStartOf(process.pid);
  const owner: LockOwner = {
    pid: process.pid, command, startedAt: new Date().toISOString(), ...(url ? { url } : {}),
    ...(processStart ? { processStart } : {}), nonce: randomBytes(16).toString('hex'),
  };
  const text = JSON.stringify(owner);
  const ownId = contentId(text);
  const tmp = join(dataDir, `${TMP_PREFIX}${process.pid}-${owner.nonce ?? ''}`);
  writeFileSync(tmp, text, { mode: 0o600 });
  const deadline = Date.now() + CLAIM_WAIT_MS;
  try {
    for (;;) {
      if (tryLink(tmp, lockPath)) break;
      const current = readText(lockPath);
      if (current === undefined) continue;
      const currentId = contentId(current);
      const currentOwner = parseOwner(current);
      if (ownerAlive(currentOwner, currentId)) throw lockedError(dataDir, currentOwner);
      if (takeOver(dataDir, tmp, currentId, deadline) === 'taken') break;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  heldHere.add(ownId);
  removeLitter(dataDir, ownId);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    heldHere.delete(ownId);
    // Only our own lock is removed; nobody replaces a live owner's lock, so it cannot change under us.
    const current = readText(lockPath);
    if (current !== undefined && contentId(current) === ownId) rmSync(lockPath, { force: true });
  };
  process.once('exit', release);
  return { release };
}
