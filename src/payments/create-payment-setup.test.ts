import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.ts';
import { instantFromEpochMs } from '../domain/calendar.ts';
import type { Sql } from '../db/database.ts';
import { createPaymentSetup } from './create-payment-setup.ts';

test('building every provider makes no network call and fixes PayPal to its currency', () => {
  const original = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = async () => {
    calls++;
    throw new Error('no network at start');
  };
  try {
    const config = loadConfig({
      PAYMENT_PROVIDERS: 'sandbox,stripe,paypal', SAXLA_SECRET: 's'.repeat(32), SANDBOX_WEBHOOK_SECRET: 'w'.repeat(32), SAXLA_ADMIN_TOKEN: 'a'.repeat(20),
      STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 'secret', PAYPAL_WEBHOOK_ID: 'WH', PAYPAL_CURRENCY: 'EUR',
    });
    const db: Sql = { query: async () => [], exec: async () => undefined, queryAndCommit: async () => [] };
    const setup = createPaymentSetup(config, { db, now: () => instantFromEpochMs(0) });
    assert.deepEqual(Object.keys(setup.providers).sort(), ['paypal', 'sandbox', 'stripe']);
    assert.equal(setup.defaultProvider, 'sandbox');
    assert.equal(setup.fx?.currency, 'EUR');
    assert.equal(calls, 0);
  } finally {
    globalThis.fetch = original;
  }
});
