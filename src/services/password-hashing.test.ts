import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonPasswords } from './common-passwords.ts';
import { hashPassword, needsRehash, passwordCheckTarget, productionPasswordHashing, verifyPassword } from './password-hashing.ts';

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

test('an unknown account is checked against a dummy hash of the same cost: same work, always false', async () => {
  // The same argon2id parameters mean the same work: asserted on the hash, not with a stopwatch.
  const target = await passwordCheckTarget(undefined);
  assert.match(target, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(needsRehash(target), false);
  const light = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
  assert.equal(needsRehash(await passwordCheckTarget(undefined, light), light), false);
  assert.equal(await verifyPassword(undefined, 'anything-at-all-1'), false);
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
