import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, processStartOf, readLockOwner } from './data-dir-lock.ts';

const lockModule = new URL('./data-dir-lock.ts', import.meta.url).href;

// Four long-lived children race in every trial (spawning 400 processes would take minutes on two
// cores). Told "go DIR", each takes the lock there and answers held or refused, and keeps what it
// got until told "release", so two holders would overlap.
const childScript = `
import { acquireDataDirLock } from ${JSON.stringify(lockModule)};
import { createInterface } from 'node:readline';
let lock;
process.stdout.write('ready\\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.startsWith('go ')) {
    try { lock = acquireDataDirLock(line.slice(3), 'race'); process.stdout.write('held\\n'); }
    catch (error) { process.stdout.write((error.code === 'DATABASE_LOCKED' ? 'refused' : 'error ' + error.message) + '\\n'); }
  } else {
    lock?.release();
    lock = undefined;
    process.stdout.write('released\\n');
  }
}
`;

interface Racer {
  readonly child: ChildProcessWithoutNullStreams;
  /** The next line the child writes. */
  readonly next: () => Promise<string>;
}

function startRacer(): Racer {
  const child = spawn(process.execPath, ['--input-type=module', '-e', childScript]);
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const next = (): Promise<string> => {
    const line = lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => waiters.push(resolve));
  };
  return { child, next };
}

/** A PID that no process has (a child that has already exited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

test('four processes racing for the lock: exactly one holds it, 100 times over (half of them over a stale lock)', { timeout: 120_000 }, async () => {
  const racers = Array.from({ length: 4 }, startRacer);
  const stalePid = await deadPid();
  const failures: string[] = [];
  try {
    await Promise.all(racers.map(async (r) => assert.equal(await r.next(), 'ready')));
    for (let trial = 0; trial < 100; trial++) {
      const dir = mkdtempSync(join(tmpdir(), 'saxla-lock-race-'));
      if (trial % 2 === 1) {
        writeFileSync(join(dir, 'saxla.lock'), JSON.stringify({ pid: stalePid, command: 'serve', startedAt: '2026-11-26T10:00:00Z' }));
      }
      for (const r of racers) r.child.stdin.write(`go ${dir}\n`);
      const outcomes = await Promise.all(racers.map((r) => r.next()));
      const holders = outcomes.filter((o) => o === 'held').length;
      const refused = outcomes.filter((o) => o === 'refused').length;
      if (holders !== 1 || refused !== 3) failures.push(`trial ${trial}: ${outcomes.join(', ')}`);
      for (const r of racers) r.child.stdin.write('release\n');
      await Promise.all(racers.map((r) => r.next()));
      assert.equal(existsSync(join(dir, 'saxla.lock')), false, 'the holder removes its lock');
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await Promise.all(racers.map(async (r) => {
      const exited = new Promise((resolve) => r.child.once('exit', resolve));
      r.child.stdin.end();
      if (r.child.exitCode === null) await exited;
    }));
  }
  assert.deepEqual(failures, []);
});

test('a second owner is refused while the first lives; a dead owner\'s lock is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saxla-lock-'));
  // A live process other than us holds the lock (a lock written before start times were recorded).
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
  assert.deepEqual(readdirSync(dir), [], 'no claim or temporary file is left behind');
});

test('a lock whose PID now belongs to another process is taken over; the real owner is still refused', { skip: process.platform === 'win32' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saxla-lock-'));
  const other = spawn('sleep', ['60']);
  try {
    await new Promise((resolve) => other.once('spawn', resolve));
    const pid = other.pid;
    if (pid === undefined) throw new Error('no pid');
    const realStart = processStartOf(pid);
    assert.ok(realStart, 'the start time of a live process is known');
    writeFileSync(join(dir, 'saxla.lock'), JSON.stringify({ pid, command: 'serve', startedAt: '2026-11-26T10:00:00Z', processStart: realStart }));
    assert.throws(() => acquireDataDirLock(dir, 'sweep'), (e: { code: string }) => e.code === 'DATABASE_LOCKED');
    // Same PID, but the process that wrote the lock started at another time: the PID was reused.
    writeFileSync(join(dir, 'saxla.lock'), JSON.stringify({ pid, command: 'serve', startedAt: '2026-11-26T10:00:00Z', processStart: 'another-boot:12345' }));
    const lock = acquireDataDirLock(dir, 'sweep');
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.release();
  } finally {
    other.kill('SIGKILL');
  }
});

test('a lock whose owner is a zombie (exited, not yet reaped) is taken over', { skip: process.platform !== 'linux' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saxla-lock-'));
  // The shell becomes "sleep 5", which never reaps its backgrounded child: that child stays a zombie.
  const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 5']);
  try {
    const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
    const processStart = processStartOf(pid);
    assert.ok(processStart, 'the child runs when the lock is written');
    writeFileSync(join(dir, 'saxla.lock'), JSON.stringify({ pid, command: 'serve', startedAt: '2026-11-26T10:00:00Z', processStart }));
    assert.throws(() => acquireDataDirLock(dir, 'sweep'), (e: { code: string }) => e.code === 'DATABASE_LOCKED');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.match(readFileSync(`/proc/${pid}/stat`, 'utf8'), /\) Z /, 'the child is a zombie now');
    const lock = acquireDataDirLock(dir, 'sweep');
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.release();
  } finally {
    parent.kill('SIGKILL');
  }
});

test('the same process cannot take the lock twice; after release it can', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saxla-lock-'));
  const first = acquireDataDirLock(dir, 'serve');
  assert.throws(() => acquireDataDirLock(dir, 'sweep'), (e: { code: string; message: string }) => e.code === 'DATABASE_LOCKED' && /saxla serve/.test(e.message));
  first.release();
  acquireDataDirLock(dir, 'sweep').release();
});

test('a claimant that died while taking over a stale lock does not block start-up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saxla-lock-'));
  const staleText = JSON.stringify({ pid: await deadPid(), command: 'serve', startedAt: '2026-11-26T10:00:00Z' });
  writeFileSync(join(dir, 'saxla.lock'), staleText);
  const { createHash } = await import('node:crypto');
  const staleId = createHash('sha256').update(staleText).digest('hex').slice(0, 32);
  writeFileSync(join(dir, `saxla.lock.claim-${staleId}`), JSON.stringify({ pid: await deadPid(), command: 'sweep', startedAt: '2026-11-26T10:00:01Z' }));
  const lock = acquireDataDirLock(dir, 'serve');
  assert.equal(readLockOwner(dir)?.pid, process.pid);
  lock.release();
  assert.deepEqual(readdirSync(dir), []);
});
