import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_INPUT_DEPTH, countFormValues, findNulCharacter, findTextInputProblem } from './text-input.ts';

test('findNulCharacter names the first string or key holding U+0000, at any depth', () => {
  assert.equal(findNulCharacter({ msisdn: '+994501234567', planCode: 'A' }), undefined);
  assert.equal(findNulCharacter({ items: [{ planCode: 'ok' }, { planCode: 'x\u0000' }] }), 'items/1/planCode');
  assert.equal(findNulCharacter({ 'bad\u0000key': 1 }), 'bad\u0000key');
  assert.equal(findNulCharacter('\u0000'), '');
  assert.equal(findNulCharacter(Buffer.from([0, 1, 2])), undefined, 'raw bytes are not text');
  assert.equal(findNulCharacter(null), undefined);
});

test('countFormValues counts each repeated field', () => {
  assert.equal(countFormValues({ a: '1', b: ['1', '2', '3'] }), 4);
});

test('a value nested deeper than the limit is refused by its path, without overflowing the stack', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 20_000; i++) deep = [deep];
  assert.deepEqual(findTextInputProblem({ phone: deep }), { kind: 'too_deep', path: `phone${'/0'.repeat(MAX_INPUT_DEPTH - 1)}` });
  assert.equal(findNulCharacter({ phone: deep }), undefined, 'the NUL search alone walks any depth');
  assert.equal(findTextInputProblem({ a: { b: { c: ['ok'] } } }), undefined);
});
