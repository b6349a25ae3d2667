// Ends the session behind a token. Unknown or already ended tokens change nothing.
import type { AccountDeps } from './account-deps.ts';
import { revokeSessionByToken } from '../db/session-repository.ts';
import { sessionTokenHash } from './customer-sessions.ts';

export async function logOut(deps: Pick<AccountDeps, 'db' | 'now' | 'secret'>, token: string): Promise<void> {
  await revokeSessionByToken(deps.db, sessionTokenHash(deps.secret, token), 'logout', new Date(deps.now()));
}
