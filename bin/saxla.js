#!/usr/bin/env node
// `npx saxla <command>`. Saxla runs on the Node.js 24 pinned in devDependencies; when an older
// node starts this file (a PATH without node_modules/.bin), hand over to the pinned one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import(main);
} else {
  const pinned = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    console.error(`Saxla needs Node.js 24; this is ${process.version}. Run \`npm install\` first (it installs Node.js 24 for the project).`);
    process.exit(1);
  }
  const result = spawnSync(pinned, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
