// The environment is read once and checked: each bad value is named, nothing starts half-configured.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';
import { isDomainError } from './domain/errors.ts';

// Given secrets, so loading writes nothing to a data directory.
const base = { SAXLA_SECRET: 'test-secret-0123456789abcdef', SANDBOX_WEBHOOK_SECRET: 'sandbox-secret-0123456789', SAXLA_ADMIN_TOKEN: 'admin-token-0123456789' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    assert.ok(isDomainError(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    return error.details.map((d) => d.path ?? '');
  }
  return [];
}

test('defaults: no tile override, sender Saxla, sandbox only', () => {
  const config = loadConfig(base);
  assert.equal(config.mapTileUrl, undefined);
  assert.equal(config.smsSender, 'Saxla');
  assert.deepEqual(config.paymentProviders, ['sandbox']);
  assert.equal(config.generated.SAXLA_SECRET, undefined, 'a given secret is not shown as generated');
});

test('MAP_TILE_URL must be an https template with {z}, {x} and {y}', () => {
  assert.equal(loadConfig({ ...base, MAP_TILE_URL: 'https://tiles.example.az/{z}/{x}/{y}.png' }).mapTileUrl, 'https://tiles.example.az/{z}/{x}/{y}.png');
  for (const bad of ['http://tiles.example.az/{z}/{x}/{y}.png', 'https://tiles.example.az/{z}/{x}.png', 'javascript:alert(1)//{z}{x}{y}', 'https:// bad/{z}/{x}/{y}']) {
    assert.deepEqual(problemsOf({ MAP_TILE_URL: bad }), ['MAP_TILE_URL'], bad);
  }
});

test('every bad value is named at once', () => {
  assert.deepEqual(problemsOf({ PORT: '70000', SMS_SENDER: 'Saxla-Official-Sender', PAYMENT_PROVIDERS: 'sandbox,bitcoin' }).sort(), ['PAYMENT_PROVIDERS', 'PORT', 'SMS_SENDER']);
  assert.deepEqual(problemsOf({ DATABASE_URL: 'mysql://x' }), ['DATABASE_URL']);
});

test('TRUST_PROXY takes addresses, CIDRs and the named ranges; anything else is refused', () => {
  assert.equal(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,loopback,fd00::/8' }).trustProxy, '10.0.0.0/8, 192.168.1.10,loopback,fd00::/8');
  assert.equal(loadConfig(base).trustProxy, undefined);
  for (const bad of ['true', '10.0.0.0/33', '10.0.0.1/8/1', 'proxy.example.az', '1']) {
    assert.deepEqual(problemsOf({ TRUST_PROXY: bad }), ['TRUST_PROXY'], bad);
  }
});

const productionEnv = {
  SAXLA_MODE: 'production',
  DATABASE_URL: 'postgres://saxla@db.internal:5432/saxla',
  SMPP_URL: 'smpp://saxla:pw@smsc.internal:2775',
  SAXLA_SECRET: 'a-production-secret-of-at-least-32-characters',
  SAXLA_ADMIN_TOKEN: 'admin-token-0123456789',
  USSD_GATEWAY_SECRET: 'gateway-secret-0123456789',
  SAXLA_BASE_URL: 'https://saxla.example.az',
  PAYMENT_PROVIDERS: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
} as const;

test('demo is the default mode; an unknown mode is refused', () => {
  assert.equal(loadConfig(base).mode, 'demo');
  assert.deepEqual(problemsOf({ SAXLA_MODE: 'staging' }), ['SAXLA_MODE']);
});

test('production starts with real settings and generates no secret', () => {
  const config = loadConfig(productionEnv);
  assert.equal(config.mode, 'production');
  assert.deepEqual(config.generated, {});
  assert.deepEqual(config.paymentProviders, ['stripe']);
});

test('production names every missing setting at once, and refuses the sandbox and plain http', () => {
  const refused = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      assert.ok(isDomainError(error));
      return error.details.map((d) => d.path ?? '').sort();
    }
    return [];
  };
  assert.deepEqual(refused({ SAXLA_MODE: 'production' }),
    ['DATABASE_URL', 'PAYMENT_PROVIDERS', 'SAXLA_ADMIN_TOKEN', 'SAXLA_BASE_URL', 'SAXLA_SECRET', 'SMPP_URL', 'USSD_GATEWAY_SECRET']);
  assert.deepEqual(refused({ ...productionEnv, PAYMENT_PROVIDERS: 'sandbox' }), ['PAYMENT_PROVIDERS']);
  assert.deepEqual(refused({ ...productionEnv, PAYMENT_PROVIDERS: 'stripe,sandbox' }), ['PAYMENT_PROVIDERS']);
  assert.deepEqual(refused({ ...productionEnv, SAXLA_BASE_URL: 'http://saxla.example.az' }), ['SAXLA_BASE_URL']);
  assert.deepEqual(refused({ ...productionEnv, SAXLA_SECRET: 'short' }), ['SAXLA_SECRET']);
});

test('counter payment settings are checked with the rest: half a pair is named', () => {
  assert.deepEqual(problemsOf({ QR_MERCHANT_ID: 'SAXLA0001' }), ['QR_WEBHOOK_SECRET']);
  assert.deepEqual(problemsOf({ POS_TERMINAL_URL: 'http://terminals.example.az/ecr', POS_TERMINAL_TOKEN: 'token-0123456789abcdef' }), ['POS_TERMINAL_URL']);
  const config = loadConfig({ ...base, QR_MERCHANT_ID: 'SAXLA0001', QR_WEBHOOK_SECRET: 'qr-secret-0123456789' });
  assert.equal(config.counterPayments.qr?.merchantId, 'SAXLA0001');
  assert.equal(config.counterPayments.pos, undefined);
});

test('SMS_NATIONAL_LANGUAGE_TABLES: off by default, tr turns on the Turkish shift tables, anything else is named', () => {
  assert.deepEqual(loadConfig(base).smsNationalLanguageTables, []);
  assert.deepEqual(loadConfig({ ...base, SMS_NATIONAL_LANGUAGE_TABLES: 'tr' }).smsNationalLanguageTables, ['tr']);
  assert.deepEqual(problemsOf({ SMS_NATIONAL_LANGUAGE_TABLES: 'klingon' }), ['SMS_NATIONAL_LANGUAGE_TABLES']);
});

test('SMS_QUIET_HOURS: 22:00-09:00 Baku by default, off, another window; a bad value stops start-up naming it', () => {
  assert.deepEqual(loadConfig(base).smsQuietHours, { off: false, from: 22 * 60, to: 9 * 60 });
  assert.deepEqual(loadConfig({ ...base, SMS_QUIET_HOURS: 'off' }).smsQuietHours, { off: true });
  assert.deepEqual(loadConfig({ ...base, SMS_QUIET_HOURS: '23:00-08:00' }).smsQuietHours, { off: false, from: 23 * 60, to: 8 * 60 });
  for (const bad of ['22-9', 'always', '09:00-09:00', '25:00-09:00']) assert.deepEqual(problemsOf({ SMS_QUIET_HOURS: bad }), ['SMS_QUIET_HOURS'], bad);
});

test('CALL_CENTRE_PHONE is a phone number kept in E.164; the demo names a sample one', () => {
  assert.equal(loadConfig({ ...base, CALL_CENTRE_PHONE: '012 490 00 00' }).callCentrePhone, '+994124900000');
  assert.match(loadConfig(base).callCentrePhone ?? '', /^\+994\d{9}$/);
  assert.deepEqual(problemsOf({ CALL_CENTRE_PHONE: 'call us' }), ['CALL_CENTRE_PHONE']);
});
