// Resolves which validity policy is in force (a built-in version or a JSON file), checks it,
// and records it: a version, once stored, never changes meaning.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../domain/errors.ts';
import { parseValidityPolicy, type ValidityPolicy } from '../domain/policy.ts';
import type { Sql } from '../db/database.ts';

const builtIn: Readonly<Record<string, string>> = {
  'demo-2024-07': '../policies/demo-2024.json',
  'demo-2024-05': '../policies/demo-2024-may.json',
};

export function readPolicy(nameOrPath: string): ValidityPolicy {
  const file = builtIn[nameOrPath] ? fileURLToPath(new URL(builtIn[nameOrPath], import.meta.url)) : nameOrPath;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DomainError('POLICY_NOT_FOUND', `SAXLA_POLICY "${nameOrPath}" is neither a built-in policy (${Object.keys(builtIn).join(', ')}) nor a readable file`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new DomainError('POLICY_INVALID', `policy file ${file} is not valid JSON`);
  }
  return parseValidityPolicy(doc);
}

export async function installPolicy(sql: Sql, policy: ValidityPolicy): Promise<void> {
  const doc = JSON.stringify(policy);
  await sql.query('insert into validity_policies (version, document) values ($1, $2) on conflict (version) do nothing', [policy.version, doc]);
  const [stored] = await sql.query<{ document: unknown }>('select document from validity_policies where version = $1', [policy.version]);
  const storedPolicy = stored ? parseValidityPolicy(stored.document) : undefined;
  // A version recorded before usage was rated may gain usage rates once: nothing was rated under
  // it, so no recorded operation changes meaning. Once it has rates, they are fixed like the rest.
  if (storedPolicy && storedPolicy.usage === undefined && policy.usage !== undefined
    && JSON.stringify({ ...policy, usage: undefined }) === JSON.stringify(storedPolicy)) {
    await sql.query('update validity_policies set document = $2 where version = $1', [policy.version, doc]);
    return;
  }
  if (storedPolicy && JSON.stringify(storedPolicy) !== doc) {
    throw new DomainError('POLICY_INVALID', `policy version "${policy.version}" is already recorded with other rules; give the changed policy a new version`);
  }
}
