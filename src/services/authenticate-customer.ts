// Finds the customer behind a session token, applying the idle (30 min) and absolute (12 h) limits.
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_EVERY_MS } from '../domain/account-rules.ts';
import { findLiveSession, type LiveSession } from '../db/session-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { sessionTokenHash } from './customer-sessions.ts';

export async function authenticateCustomer(deps: Pick<AccountDeps, 'db' | 'now' | 'secret'>, token: string): Promise<LiveSession | undefined> {
  const now = deps.now();
  return findLiveSession(deps.db, sessionTokenHash(deps.secret, token), {
    now: new Date(now),
    createdAfter: new Date(now - SESSION_ABSOLUTE_MS),
    seenAfter: new Date(now - SESSION_IDLE_MS),
    touchBefore: new Date(now - SESSION_TOUCH_EVERY_MS),
  });
}
