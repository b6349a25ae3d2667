// `npm test`: type check, lint, then every test — the database tests on PGlite and again on
// PostgreSQL. Prints one closing line "N passed, N failed" over all runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;
const only = process.argv.slice(2);

interface Step { name: string; cmd: string; args: string[]; env?: Record<string, string>; tests?: boolean }

function run(step: Step): Promise<{ code: number; passed: number; failed: number }> {
  return new Promise((resolve) => {
    process.stdout.write(`\n▶ ${step.name}\n`);
    const child = spawn(step.cmd, step.args, { cwd: root, env: { ...process.env, ...step.env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let passed = 0;
    let failed = 0;
    let output = '';
    child.stdout.setEncoding('utf8'); // whole characters per chunk: ℹ is three bytes
    child.stdout.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code) => {
      if (step.tests) {
        // The summary comes before the list of failures, which can be long: read the whole run.
        // A cancelled test (its suite's hook failed, or it timed out) did not pass: it counts as failed.
        const count = (label: string): number => Number([...output.matchAll(new RegExp(`ℹ ${label} (\\d+)`, 'g'))].at(-1)?.[1] ?? 0);
        passed = count('pass');
        failed = count('fail') + count('cancelled');
      }
      resolve({ code: code ?? 1, passed, failed });
    });
  });
}

const testArgs = (patterns: string[]): string[] => ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=180000', ...patterns];

const steps: Step[] = [
  { name: 'type check (tsc --noEmit)', cmd: node, args: [join(root, 'node_modules/typescript-native/bin/tsc'), '--noEmit', '-p', '.'] },
  { name: 'lint (eslint)', cmd: node, args: [join(root, 'node_modules/eslint/bin/eslint.js'), '.'] },
  { name: 'tests on PGlite (pure, database, end-to-end)', cmd: node, args: testArgs(['src/**/*.test.ts', 'test/**/*.test.ts']), env: { SAXLA_TEST_DB: 'pglite' }, tests: true },
  { name: 'database tests on PostgreSQL', cmd: node, args: testArgs(['src/**/*.db.test.ts', 'test/**/*.db.test.ts']), env: { SAXLA_TEST_DB: 'postgres' }, tests: true },
];

let passed = 0;
let failed = 0;
let broken = false;
for (const step of steps) {
  if (only.length > 0 && !only.some((o) => step.name.includes(o))) continue;
  if (step.tests && !existsSync(join(root, 'src'))) continue;
  const result = await run(step);
  passed += result.passed;
  failed += result.failed;
  if (result.code !== 0) {
    broken = true;
    process.stdout.write(`✖ ${step.name} failed (exit ${result.code})\n`);
    if (!step.tests) break;
  }
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(broken || failed > 0 ? 1 : 0);
