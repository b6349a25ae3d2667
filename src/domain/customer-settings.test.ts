import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEmailAddress } from './customer-settings.ts';

test('email addresses: trimmed, domain lower-cased, typos refused', () => {
  assert.equal(parseEmailAddress('  Leyla.Aliyeva+saxla@Example.AZ '), 'Leyla.Aliyeva+saxla@example.az');
  assert.equal(parseEmailAddress(''), null);
  assert.equal(parseEmailAddress('   '), null);
  for (const bad of ['leyla', 'leyla@gmail', 'a b@c.az', '@example.com', 'a@@example.com', 'a..b@example.com', '.a@example.com', 'a.@example.com', 'a@-x.com', `${'a'.repeat(65)}@example.com`, `a@${'b'.repeat(250)}.com`, 'ə@example.com']) {
    assert.throws(() => parseEmailAddress(bad), { code: 'INVALID_EMAIL' }, bad);
  }
});
