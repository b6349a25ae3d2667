// A policy version never changes meaning once recorded; one recorded before usage was rated may
// gain its usage rates once, and from then on they are fixed like the rest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { isDomainError } from '../domain/errors.ts';
import { qepik } from '../domain/money.ts';
import { parseValidityPolicy } from '../domain/policy.ts';
import demoPolicy from '../policies/demo-2024.json' with { type: 'json' };
import { installPolicy } from './install-policy.ts';

let t: TestDatabase;
before(async () => { t = await openTestDatabase(); });
after(async () => { await t.close(); });

const withUsage = parseValidityPolicy({ ...demoPolicy, version: 'test-usage-1' });
const { usage: _dropped, ...withoutUsage } = withUsage;
const stored = async () => parseValidityPolicy((await t.db.query<{ document: unknown }>("select document from validity_policies where version = 'test-usage-1'"))[0]?.document);

test('a version recorded without usage rates gains them once; then they are fixed', async () => {
  await t.db.tx((sql) => installPolicy(sql, withoutUsage));
  assert.equal((await stored()).usage, undefined);
  await t.db.tx((sql) => installPolicy(sql, withUsage));
  assert.deepEqual((await stored()).usage, withUsage.usage);
  const dearer = { ...withUsage, usage: { ...withUsage.usage, voice: { block: 60, price: qepik(9) } } } as typeof withUsage;
  await assert.rejects(t.db.tx((sql) => installPolicy(sql, dearer)), (e: unknown) => isDomainError(e) && e.code === 'POLICY_INVALID');
  await assert.rejects(t.db.tx((sql) => installPolicy(sql, withoutUsage)), (e: unknown) => isDomainError(e) && e.code === 'POLICY_INVALID');
  const otherBands = { ...withoutUsage, version: 'test-usage-2' };
  await t.db.tx((sql) => installPolicy(sql, otherBands));
  await assert.rejects(t.db.tx((sql) => installPolicy(sql, { ...withUsage, version: 'test-usage-2', restoreFee: qepik(1) })),
    (e: unknown) => isDomainError(e) && e.code === 'POLICY_INVALID', 'gaining rates does not let other rules change');
});
