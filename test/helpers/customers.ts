// Customer accounts in tests: provision a line, register it, read the SMS code from the outbox,
// and get a session cookie. For any route behind requireCustomer.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { iccidFor } from './factories.ts';
import { adminHeaders, type TestApp } from './test-app.ts';

export const TEST_PASSWORD = 'Sahil-Boulevard-2026';
/** What a browser on the test app's own origin sends (inject's default Host is localhost:80). */
export const sameOriginHeaders = { origin: 'http://localhost' } as const;

export function cookieHeader(token: string): { cookie: string } {
  return { cookie: `saxla_session=${token}` };
}

/** Headers of a signed-in browser request: the session cookie and the page's own origin. */
export function customerHeaders(token: string): Record<string, string> {
  return { ...sameOriginHeaders, ...cookieHeader(token) };
}

export function sessionCookieOf(res: LightMyRequestResponse): { value: string; httpOnly?: boolean; secure?: boolean; sameSite?: string; path?: string; maxAge?: number } | undefined {
  return res.cookies.find((c) => c.name === 'saxla_session');
}

export async function provisionTestLine(t: TestApp, msisdn: string, serial: number, over: Record<string, unknown> = {}): Promise<void> {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders,
    payload: [{ msisdn, iccid: iccidFor(serial), balance: { amount: 500, currency: 'AZN' }, validUntil: '2026-12-20', language: 'en', ...over }],
  });
  assert.ok(res.statusCode === 201 || res.statusCode === 200, res.body);
}

/** The 6-digit code in the latest one-time-code SMS to this number (the check code has letters). */
export async function latestCodeFor(t: TestApp, msisdn: string): Promise<string> {
  const [row] = await t.db.query<{ body: string }>(
    "select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [msisdn],
  );
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
  assert.ok(code, `no code SMS to ${msisdn}`);
  return code;
}

export async function otpCount(t: TestApp, msisdn: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>("select count(*)::int8 as n from sms_outbox where msisdn = $1 and kind = 'otp'", [msisdn]);
  return row?.n ?? 0;
}

/** Registers an already provisioned line and returns the session token. */
export async function registerCustomer(t: TestApp, msisdn: string, options: { password?: string; address?: string } = {}): Promise<string> {
  const remoteAddress = options.address ?? '198.51.100.7';
  const reg = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/register', headers: sameOriginHeaders, remoteAddress,
    payload: { phone: msisdn, language: 'en' },
  });
  assert.equal(reg.statusCode, 202, reg.body);
  // The password is chosen with the code, by whoever holds the SIM.
  const verify = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/verify', headers: sameOriginHeaders, remoteAddress,
    payload: { phone: msisdn, code: await latestCodeFor(t, msisdn), password: options.password ?? TEST_PASSWORD },
  });
  assert.equal(verify.statusCode, 200, verify.body);
  const cookie = sessionCookieOf(verify);
  assert.ok(cookie, 'verification sets the session cookie');
  return cookie.value;
}

/** Provisions the line, registers it and signs in. */
export async function signUpCustomer(t: TestApp, msisdn: string, serial: number): Promise<string> {
  await provisionTestLine(t, msisdn, serial);
  return registerCustomer(t, msisdn);
}
