// A provider's outage is told once per pass and provider, with how many orders it held back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectProviderFailures } from './provider-failures.ts';
import type { Logger } from './logger.ts';

test('one warning per provider per pass, with the count and the first order and error', () => {
  const lines: { context: object; message: string }[] = [];
  const logger: Logger = { info: () => undefined, error: () => undefined, warn: (context, message) => { lines.push({ context, message }); } };
  const failures = collectProviderFailures();
  const down = new Error('stripe: ETIMEDOUT');
  failures.add('stripe', 'ord_1', down);
  failures.add('stripe', 'ord_2', new Error('again'));
  failures.add('paypal', 'ord_3', new Error('paypal 503'));
  failures.report(logger, 'status not available');
  assert.equal(lines.length, 2);
  assert.deepEqual(lines[0], { context: { provider: 'stripe', orders: 2, firstOrderId: 'ord_1', err: down }, message: 'status not available' });
  failures.report(logger, 'status not available');
  assert.equal(lines.length, 2, 'reported failures are forgotten');
});
