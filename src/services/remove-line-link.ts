// Removes a line the customer added from the account (audited). The login line stays: it is how
// the account signs in. The line itself, its balance and validity are untouched; a standing order
// this account set up for it ends too, since nobody here could see or stop it any more.
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { removeLinkedLine } from '../db/account-repository.ts';
import { deleteAutoRenew, findAutoRenew } from '../db/auto-renew-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { addressKey } from './customer-sessions.ts';

export interface RemoveLineLinkRequest {
  readonly customerId: string;
  readonly msisdn: string;
  readonly address: string;
}

export async function removeLineLink(deps: Pick<AccountDeps, 'db' | 'now' | 'secret'>, request: RemoveLineLinkRequest): Promise<void> {
  const msisdn = parseMsisdn(request.msisdn);
  const at = new Date(deps.now());
  await deps.db.tx(async (sql) => {
    const outcome = await removeLinkedLine(sql, request.customerId, msisdn, addressKey(deps.secret, request.address), at);
    if (outcome === 'not_linked') throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn} on this account`);
    if (outcome === 'login') throw new DomainError('LOGIN_LINE_NOT_REMOVABLE', 'this is the number the account signs in with; it cannot be removed');
    const standing = await findAutoRenew(sql, msisdn, true);
    if (standing?.customerId === request.customerId) await deleteAutoRenew(sql, msisdn);
  });
}
