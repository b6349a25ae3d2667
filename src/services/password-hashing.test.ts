import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonPasswords } from './common-passwords.ts';
import { hashPassword, needsRehash, productionPasswordHashing, verifyPassword } from './password-hashing.ts';

test('production hashes are argon2id, 19 MiB, 2 passes, 1 lane', async () => {
  const hash = await hashPassword('Sahil-Boulevard-2026');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(hash, 'Sahil-Boulevard-2026'), true);
  assert.equal(await verifyPassword(hash, 'sahil-boulevard-2026'), false);
  assert.equal(needsRehash(hash), false);
  assert.equal(needsRehash(hash, { ...productionPasswordHashing, timeCost: 3 }), true);
  assert.equal(needsRehash('not a hash'), true);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('an unknown account is verified against a dummy hash: false, after the same work', async () => {
  const hash = await hashPassword('Sahil-Boulevard-2026');
  await verifyPassword(undefined, 'warm-up'); // the dummy is made once
  const time = async (stored: string | undefined): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < 3; i++) assert.equal(await verifyPassword(stored, 'wrong-password-here'), false);
    return performance.now() - started;
  };
  const known = await time(hash);
  const unknown = await time(undefined);
  // Generous bounds: only a skipped hash (orders of magnitude faster) should fail this.
  assert.ok(unknown > known / 3 && unknown < known * 3, `known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`);
});

test('the common-password list loads: lower-case, 10 to 128 characters, most common first', () => {
  const list = commonPasswords();
  assert.ok(list.size > 1000, `${list.size} entries`);
  assert.ok(list.has('qwertyuiop') && list.has('password123') && list.has('1234567890'));
  for (const p of list) {
    assert.equal(p, p.toLowerCase());
    assert.ok([...p].length >= 10 && [...p].length <= 128, p);
  }
});
