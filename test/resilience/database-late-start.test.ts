// `saxla serve` started while its PostgreSQL is not up yet (both started together, or a restart
// under way) waits for it instead of exiting, and starts serving by itself once it answers.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterUnavailable, createPrivateCluster, type PrivateCluster } from './private-cluster.ts';

const skip = clusterUnavailable();
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: PrivateCluster | undefined;
let server: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'saxla-late-db-'));

after(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  await cluster?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor(what: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (what()) return true;
    await sleep(50);
  }
  return what();
}

test('serve waits for a database that is not up yet, then serves without a restart', { skip, timeout: 90_000 }, async () => {
  cluster = await createPrivateCluster();
  await cluster.stopImmediately();
  let stdout = '';
  let stderr = '';
  const exits: string[] = [];
  server = spawn(process.execPath, ['src/main.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: cluster.url, PORT: '0', HOST: '127.0.0.1',
      SAXLA_ADMIN_TOKEN: 'late-start-admin-token-0123', SAXLA_SECRET: 'late-start-secret-0123456789abcdef', SAXLA_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.on('exit', (code, signal) => exits.push(`exit ${String(code)} ${String(signal)}`));
  server.stdout?.on('data', (c: Buffer) => { stdout += c.toString(); });
  server.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); });

  assert.ok(await waitFor(() => /waiting for it/.test(stdout), 15_000), `no waiting line:\n${stdout}\n${stderr}`);
  await sleep(2000);
  assert.deepEqual(exits, [], 'the process waits rather than exits');
  const startedAt = Date.now();
  await cluster.start();
  const running = await waitFor(() => /Saxla is running at/.test(stderr), 20_000);
  assert.ok(running, `did not start serving:\n${stdout}\n${stderr}`);
  assert.ok(Date.now() - startedAt < 15_000, 'serving within seconds of the database\'s start (migrations and demo data included)');
  const url = /Saxla is running at (http:\/\/[^/\s]+)\//.exec(stderr)?.[1];
  const ready = await fetch(`${url ?? ''}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(exits, []);
});
