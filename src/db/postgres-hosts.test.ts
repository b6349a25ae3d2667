import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeHost, parseHostTargets } from './postgres-hosts.ts';

test('one host without target_session_attrs is used as given', () => {
  assert.deepEqual(parseHostTargets('postgres://saxla:pw@db.example:5432/saxla?sslmode=require'), {
    urls: ['postgres://saxla:pw@db.example:5432/saxla?sslmode=require'], needsPrimary: false,
  });
});

test('several hosts (pg_auto_failover show uri) become one URL each, and the primary is looked for', () => {
  assert.deepEqual(parseHostTargets('postgres://127.0.0.1:6001,127.0.0.1:6002/saxla?target_session_attrs=read-write&sslmode=prefer'), {
    urls: ['postgres://127.0.0.1:6001/saxla?sslmode=prefer', 'postgres://127.0.0.1:6002/saxla?sslmode=prefer'], needsPrimary: true,
  });
  assert.deepEqual(parseHostTargets('postgresql://u:p@a:1,b:2/db').urls, ['postgresql://u:p@a:1/db', 'postgresql://u:p@b:2/db']);
});

test('target_session_attrs=read-write on one host still checks it accepts writes', () => {
  assert.deepEqual(parseHostTargets('postgres://a:1/db?target_session_attrs=read-write'), { urls: ['postgres://a:1/db'], needsPrimary: true });
});

test('a host is named without credentials', () => {
  assert.equal(describeHost('postgres://u:secret@db1:5432/saxla?sslmode=require'), 'db1:5432');
});
