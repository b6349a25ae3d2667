// PGlite has no lock of its own: two processes on one folder silently lose writes. Saxla holds
// this lock file while it owns the embedded database; a second process is refused clearly.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../domain/errors.ts';

export interface LockOwner {
  readonly pid: number;
  readonly command: string;
  readonly startedAt: string;
  readonly url?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

export function readLockOwner(dataDir: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'saxla.lock'), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws DATABASE_LOCKED naming the owner; a dead owner's lock is taken over. */
export function acquireDataDirLock(dataDir: string, command: string, url?: string): { release: () => void } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'saxla.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      const owner: LockOwner = { pid: process.pid, command, startedAt: new Date().toISOString(), ...(url ? { url } : {}) };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        if (readLockOwner(dataDir)?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = readLockOwner(dataDir);
      if (owner && isAlive(owner.pid) && owner.pid !== process.pid) {
        throw new DomainError('DATABASE_LOCKED',
          `the embedded database in ${dataDir} is in use by "saxla ${owner.command}" (pid ${owner.pid}, since ${owner.startedAt}). ` +
          'Stop it first, or point both at PostgreSQL with DATABASE_URL.');
      }
      // The owner died without cleaning up: the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new DomainError('DATABASE_LOCKED', `could not take the lock in ${dataDir}`);
}
