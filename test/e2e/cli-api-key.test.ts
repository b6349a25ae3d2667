// `saxla create-api-key --name NAME` as an operator runs it: the key alone on the last line of
// standard output, once; the running server then answers the reassigned-number check with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Each command starts Node and opens (and migrates) an embedded database: minutes on a busy machine.
const SLOW_CLI_MS = 900_000;
const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'saxla-api-key-'));
const env = { ...process.env, SAXLA_DATA_DIR: dataDir, DATABASE_URL: '', SAXLA_ADMIN_TOKEN: 'cli-test-admin-token-123' };
const saxla = (...args: string[]) => spawnSync(process.execPath, [main, ...args], { env, encoding: 'utf8', timeout: 240_000 });

test('create-api-key prints the key once, alone on the last line; the server accepts it and nothing else', { timeout: SLOW_CLI_MS }, async () => {
  const made = saxla('create-api-key', '--name', 'Kapital Bank');
  assert.equal(made.status, 0, made.stderr);
  const lines = made.stdout.trimEnd().split('\n');
  const key = lines.at(-1) ?? '';
  assert.match(key, /^sxk_[A-Za-z0-9_-]{43}$/, 'the last line is the key and only the key');
  assert.equal(made.stdout.split(key).length, 2, 'the key appears once');
  assert.ok(!made.stderr.includes(key), 'never on standard error (logs)');

  const noName = saxla('create-api-key');
  assert.equal(noName.status, 1);
  assert.match(noName.stderr, /--name NAME is required/);
  assert.equal(noName.stdout, '');
  const taken = saxla('create-api-key', '--name', 'kapital bank');
  assert.equal(taken.status, 1);
  assert.match(taken.stderr, /already named/);

  const server = spawn(process.execPath, [main, 'serve'], { env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stderr.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /Saxla is running at (http:\/\/\S+?)\/?\s/.exec(out);
        if (found?.[1]) resolve(found[1]);
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    const ask = (authorization?: string) => fetch(`${url}/api/v1/reassigned?msisdn=0501234567&since=2026-01-01`, authorization ? { headers: { authorization } } : {});
    const answered = await ask(`Bearer ${key}`);
    assert.equal(answered.status, 200);
    assert.deepEqual(await answered.json(), { msisdn: '+994501234567', reassigned: false });
    assert.equal((await ask()).status, 401);
    assert.equal((await ask(`Bearer ${key}x`)).status, 401);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
});
