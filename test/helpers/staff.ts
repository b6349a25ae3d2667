// Staff accounts for tests: created as the CLI does, then enrolled (first TOTP code confirmed), so
// the test holds a full session and the credentials to sign in again.
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import type { Instant } from '../../src/domain/calendar.ts';
import { findStaffById, type StaffRole } from '../../src/db/staff-repository.ts';
import { authenticateStaff, confirmEnrolment, createStaff, logInStaff, type StaffDeps } from '../../src/services/staff-auth.ts';
import { confirmCounterPayment, simulateCustomerPayment, type CounterDeps } from '../../src/services/counter-sale.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { handlePaymentWebhook } from '../../src/services/handle-payment-webhook.ts';
import type { Receipt } from '../../src/db/receipt-repository.ts';
import type { RequestOrigin } from '../../src/services/staff-audit.ts';
import type { StaffActor } from '../../src/services/staff-scope.ts';

export interface EnrolledStaff {
  readonly actor: StaffActor;
  readonly phone: string;
  readonly password: string;
  readonly totpSecret: string;
  /** The full session's token: the saxla_staff cookie's value. */
  readonly token: string;
}

export function totpCode(secret: string, now: Instant): Promise<string> {
  return generate({ secret, epoch: Math.floor(now / 1000) });
}

/** Enrolled and, unless `keepPasswordChange`, past the forced first password change. */
export async function enrolledStaff(deps: StaffDeps, role: StaffRole, storeId: string | null, phone: string, origin: RequestOrigin, keepPasswordChange = false): Promise<EnrolledStaff> {
  const created = await createStaff(deps, { role, storeId, phone }, { staffId: null, origin });
  const pending = await logInStaff(deps, { phone, password: created.initialPassword }, origin);
  const who = await authenticateStaff(deps, pending.token);
  assert.ok(who);
  const full = await confirmEnrolment(deps, who, await totpCode(created.totpSecret, deps.now()), origin);
  if (!keepPasswordChange) await deps.db.query('update staff set must_change_password = false where id = $1', [full.staffId]);
  const staff = await findStaffById(deps.db, full.staffId);
  assert.ok(staff);
  return { actor: { staff, origin }, phone, password: created.initialPassword, totpSecret: created.totpSecret, token: full.token };
}

/** The simulated customer pays on the simulated terminal; the terminal's answer confirms the sale. */
export async function payOnSimulatedTerminal(deps: CounterDeps, actor: StaffActor, orderId: string): Promise<Receipt> {
  assert.equal(await simulateCustomerPayment(deps, actor, orderId, 'succeeded'), undefined, 'a terminal sends no webhook');
  const outcome = await confirmCounterPayment(deps, actor, orderId);
  assert.equal(outcome.outcome, 'paid');
  return outcome.receipt;
}

/** The simulated bank app pays the QR; its signed webhook goes through the QR adapter as the route would. */
export async function payQrAsSimulatedBank(deps: CounterDeps, actor: StaffActor, orderId: string, outcome: 'succeeded' | 'failed' = 'succeeded'): Promise<{ outcome: string; body: string; headers: Readonly<Record<string, string>> }> {
  const hook = await simulateCustomerPayment(deps, actor, orderId, outcome);
  assert.ok(hook, 'the bank app sends a webhook');
  const qr = deps.counter.qr;
  assert.ok(qr);
  const result = await handlePaymentWebhook({ db: deps.db, now: deps.now, policy: deps.policy, providers: { qr }, logger: silentLogger }, 'qr', Buffer.from(hook.body), hook.headers);
  return { outcome: result.outcome, body: hook.body, headers: hook.headers };
}

/** Form headers a console page's POST carries in a browser (same origin). */
export const staffForm = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' } as const;
