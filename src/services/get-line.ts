// Reads one line with its countdown, as of today in Asia/Baku.
import { operatorDay, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Sql } from '../db/database.ts';
import { findLine } from '../db/line-repository.ts';
import { viewLine, type LineView } from './line-view.ts';

export interface GetLineDeps {
  readonly db: Sql;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export async function getLine(deps: GetLineDeps, msisdn: Msisdn): Promise<LineView> {
  const line = await findLine(deps.db, msisdn);
  if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return viewLine(line, operatorDay(deps.now()), deps.policy);
}
