// API keys for the reassigned-number check: issued by `saxla create-api-key` or by an admin in the
// staff console, shown once, kept only as a SHA-256, named, revocable; each issue and revocation audited.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Database } from '../db/database.ts';
import { isUniqueViolation } from '../db/database.ts';
import { insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../db/api-key-repository.ts';
import { writeAudit, type RequestOrigin } from './staff-audit.ts';
import type { StaffActor } from './staff-scope.ts';

export interface ApiKeyDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export const API_KEY_NAME_MAX = 80;
const KEY_PREFIX = 'sxk_';

/** The stored form of a key: 256 random bits need no slow hash, only one that cannot be reversed. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export interface IssuedApiKey {
  readonly id: string;
  readonly name: string;
  /** Shown this once; only its hash is kept. */
  readonly key: string;
}

function assertAdmin(actor: StaffActor): void {
  if (actor.staff.role !== 'admin') throw new DomainError('FORBIDDEN', 'only an operator admin manages API keys');
}

async function issue(deps: ApiKeyDeps, rawName: string, by: { staffId: string | null; origin: RequestOrigin }): Promise<IssuedApiKey> {
  const name = rawName.trim();
  if (name.length === 0 || name.length > API_KEY_NAME_MAX) {
    throw new DomainError('VALIDATION_FAILED', `a key needs a name of 1 to ${API_KEY_NAME_MAX} characters (who uses it)`, [{ path: 'name', message: 'required' }]);
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const now = deps.now();
  try {
    await deps.db.tx(async (sql) => {
      await insertApiKey(sql, { id, name, hash: hashApiKey(key), prefix: key.slice(0, KEY_PREFIX.length + 6), at: new Date(now), createdBy: by.staffId });
      await writeAudit(sql, { staffId: by.staffId, storeId: null, action: 'api_key.create', detail: { keyId: id, name } }, by.origin, now);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'api_keys_live_name')) throw new DomainError('VALIDATION_FAILED', `a live key is already named "${name}": revoke it or choose another name`, [{ path: 'name', message: 'taken' }]);
    throw error;
  }
  return { id, name, key };
}

/** `saxla create-api-key --name NAME`: the key alone on the last line, for scripts to take. */
export async function createApiKeyFromCli(deps: ApiKeyDeps, args: readonly string[]): Promise<string> {
  const at = args.indexOf('--name');
  const name = at >= 0 ? args[at + 1] : undefined;
  if (name === undefined) throw new DomainError('VALIDATION_FAILED', '--name NAME is required (who will use the key, e.g. "Kapital Bank")');
  const issued = await issue(deps, name, { staffId: null, origin: { ip: 'cli', userAgent: 'saxla create-api-key' } });
  return [
    `API key ${issued.id} created for "${issued.name}" (GET /api/v1/reassigned, Authorization: Bearer <key>).`,
    'It is shown once and kept only as a hash; revoke it in the staff console (API keys) if it leaks.',
    issued.key,
    '',
  ].join('\n');
}

export async function createApiKeyInConsole(deps: ApiKeyDeps, actor: StaffActor, name: string): Promise<IssuedApiKey> {
  assertAdmin(actor);
  return issue(deps, name, { staffId: actor.staff.id, origin: actor.origin });
}

export async function listApiKeysInConsole(deps: ApiKeyDeps, actor: StaffActor): Promise<ApiKeyRow[]> {
  assertAdmin(actor);
  return listApiKeys(deps.db);
}

export async function revokeApiKeyInConsole(deps: ApiKeyDeps, actor: StaffActor, keyId: string): Promise<void> {
  assertAdmin(actor);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(keyId)) throw new DomainError('NOT_FOUND', 'no such API key');
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const name = await revokeApiKey(sql, keyId, new Date(now), actor.staff.id);
    if (name === undefined) throw new DomainError('NOT_FOUND', 'no live API key with this id');
    await writeAudit(sql, { staffId: actor.staff.id, storeId: null, action: 'api_key.revoke', detail: { keyId, name } }, actor.origin, now);
  });
}
