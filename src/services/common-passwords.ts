// The list of common passwords refused at registration and reset (src/data/common-passwords.txt,
// where its origin is written). Read once, on first use.
import { readFileSync } from 'node:fs';

let cached: ReadonlySet<string> | undefined;

export function commonPasswords(): ReadonlySet<string> {
  if (!cached) {
    const text = readFileSync(new URL('../data/common-passwords.txt', import.meta.url), 'utf8');
    cached = new Set(text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#')));
  }
  return cached;
}
