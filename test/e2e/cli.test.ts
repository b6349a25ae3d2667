// The command line as an operator uses it, against a real embedded database in a temp folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iccidFor } from '../helpers/factories.ts';

// Each command starts Node and opens (and migrates) an embedded database: minutes on a busy machine.
const SLOW_CLI_MS = 900_000;
const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'saxla-cli-'));
const env = { ...process.env, SAXLA_DATA_DIR: dataDir, DATABASE_URL: '', SAXLA_ADMIN_TOKEN: 'cli-test-admin-token-123' };
const saxla = (...args: string[]) => spawnSync(process.execPath, [main, ...args], { env, encoding: 'utf8', timeout: 240_000 });

test('import-lines, then sweep --at moves lines; a bad file changes nothing', { timeout: SLOW_CLI_MS }, () => {
  const csv = join(dataDir, 'lines.csv');
  writeFileSync(csv, `msisdn,iccid,balance,valid_until\n0507000001,${iccidFor(7001)},5.00,2027-01-31\n0507000002,${iccidFor(7002)},"1,50",2027-06-30\n`);
  const imported = saxla('import-lines', csv);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /2 lines created/);

  const bad = join(dataDir, 'bad.csv');
  writeFileSync(bad, `msisdn,iccid,balance,valid_until\n0507000003,${iccidFor(7003)},5.00,2026-01-31\n0507000004,${iccidFor(7004)},5.001,2026-01-31\n`);
  const refused = saxla('import-lines', bad);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /line 3/);

  const noOffset = saxla('sweep', '--at', '2026-03-01T10:00:00');
  assert.equal(noOffset.status, 1);
  assert.match(noOffset.stderr, /INVALID_INSTANT/);

  const swept = saxla('sweep', '--at', '2027-03-01T10:00:00+04:00');
  assert.equal(swept.status, 0, swept.stderr);
  assert.match(swept.stdout, /1 lines moved/);
  assert.match(saxla('sweep', '--at', '2027-03-01T10:00:00+04:00').stdout, /0 lines moved/);
});

test('a command run while the server holds the embedded database stops with a clear message', { timeout: SLOW_CLI_MS }, async () => {
  const server = spawn(process.execPath, [main, 'serve'], { env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      // The welcome goes to the console (standard error); standard output is the JSON log.
      server.stderr.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Saxla is running at')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    const blocked = saxla('sweep');
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, /in use by "saxla serve".*DATABASE_LOCKED/s);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  // Once the server is gone the command runs.
  assert.equal(saxla('sweep').status, 0);
});
