// `npm start` on a machine that asks for any free port (PORT=0): the welcome and every page name
// the real address, never ":0"; the secrets of a first start stand in one framed block of
// NAME=value lines on standard error; standard output carries only JSON log lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

test('PORT=0: the real port in the welcome and the official-site line; the secrets in one block', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'saxla-welcome-'));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SAXLA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  const server = spawn(process.execPath, [main, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  server.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  try {
    const welcome = await new Promise<string>((resolve, reject) => {
      let err = '';
      server.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        if (err.includes('end of the generated secrets')) resolve(err);
      });
      server.once('exit', (code) => reject(new Error(`server exited ${String(code)}: ${err}`)));
    });
    const url = /Saxla is running at (http:\/\/127\.0\.0\.1:(\d+))\//.exec(welcome);
    assert.ok(url?.[1] && url[2], welcome);
    assert.notEqual(url[2], '0', 'a real port');
    const block = /-----[^\n]*shown only now[^\n]*\n((?:[A-Z_]+=\S+\n)+)-----[^\n]*end of the generated secrets/.exec(welcome);
    assert.ok(block?.[1], `one framed block of NAME=value lines:\n${welcome}`);
    for (const name of ['SAXLA_ADMIN_TOKEN', 'SAXLA_SECRET', 'SANDBOX_WEBHOOK_SECRET', 'DEMO_MANAGER_ONE_TIME_PASSWORD', 'DEMO_MANAGER_TOTP_SECRET']) {
      assert.match(block[1], new RegExp(`^${name}=\\S+$`, 'm'), name);
    }
    const home = await fetch(`${url[1]}/?lang=en`);
    const body = await home.text();
    assert.match(body, new RegExp(`<strong class="domain">127\\.0\\.0\\.1:${url[2]}</strong>`), 'the official site names the real address');
    assert.doesNotMatch(body, /127\.0\.0\.1:0\b/);
    const icon = await fetch(`${url[1]}/favicon.ico`);
    assert.equal(icon.status, 200);
    await icon.arrayBuffer();
    for (const line of stdout.split('\n').filter((l) => l.length > 0)) assert.doesNotThrow(() => JSON.parse(line), `a JSON log line: ${line}`);
    assert.doesNotMatch(stdout, /SAXLA_SECRET=|DEMO_MANAGER/, 'no secret in the log');
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
});
