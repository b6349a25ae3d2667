import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, readLockOwner } from './data-dir-lock.ts';

test('a second owner is refused while the first lives; a dead owner\'s lock is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saxla-lock-'));
  // A live process other than us holds the lock.
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  writeFileSync(join(dir, 'saxla.lock'), JSON.stringify({ pid: holder.pid, command: 'serve', startedAt: '2026-11-26T10:00:00Z' }));
  assert.throws(() => acquireDataDirLock(dir, 'sweep'), (e: { code: string; message: string }) =>
    e.code === 'DATABASE_LOCKED' && /saxla serve/.test(e.message) && new RegExp(`pid ${holder.pid}`).test(e.message));
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder.once('exit', resolve));
  const lock = acquireDataDirLock(dir, 'sweep');
  assert.equal(readLockOwner(dir)?.pid, process.pid);
  lock.release();
  assert.equal(existsSync(join(dir, 'saxla.lock')), false);
});
