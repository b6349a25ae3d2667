// Which errors mean "the database is away" (answer 503, retry soon) and which are its answers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../domain/errors.ts';
import { isConnectionError } from './database.ts';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it('knows a server that is not there, restarting or dropping the session', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '08006', '08001', '08003', '57P01', '57P02', '57P03']) {
      assert.equal(isConnectionError(withCode(code)), true, code);
    }
  });

  it("knows pg's own words for a dead socket, a dead client and a connect timeout", () => {
    for (const message of [
      'Connection terminated unexpectedly', 'Connection terminated', 'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect', 'Client has encountered a connection error and is not queryable',
    ]) {
      assert.equal(isConnectionError(new Error(message)), true, message);
    }
  });

  it('looks inside causes and AggregateErrors (a host with several addresses)', () => {
    assert.equal(isConnectionError(new Error('wrapped', { cause: withCode('ECONNREFUSED') })), true);
    assert.equal(isConnectionError(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all failed')), true);
    assert.equal(isConnectionError(new DomainError('DATABASE_UNAVAILABLE', 'away')), true);
  });

  it('leaves the answers of a working database and everything else alone', () => {
    for (const error of [
      withCode('23505'), withCode('40001'), withCode('40P01'), withCode('42P01'), withCode('57014'), withCode('22P02'),
      new Error('boom'), new DomainError('LINE_NOT_FOUND', 'no line'), new DomainError('DATABASE_LOCKED', 'locked'),
      'Connection terminated', undefined, null, 42,
    ]) {
      assert.equal(isConnectionError(error), false, String(error));
    }
  });
});
