// The operator hands lines over to Saxla (API or CSV). All rows are checked first; one bad row
// refuses the whole batch, naming the row, and nothing is written. Idempotent on msisdn. A number
// already stored with another SIM is refused, unless it was released (recyclable): then it goes
// to its new holder with the new SIM (reassignReleasedNumber), recorded as a reassignment.
import { operatorDay, parseIsoDate, type Instant } from '../domain/calendar.ts';
import { DomainError, isDomainError, type ErrorDetail } from '../domain/errors.ts';
import { provisionLine, type Line } from '../domain/line.ts';
import { isLocale, locales, qepik } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { isUniqueViolation, type Database, type Sql } from '../db/database.ts';
import { findStoredLineKeys, insertProvisionedLines } from '../db/line-repository.ts';
import { findStoredLineStages } from '../db/number-reassignment-repository.ts';
import { listPlanCodes } from '../db/plan-repository.ts';
import { reassignReleasedNumber } from './reassign-released-number.ts';

export interface ProvisionRow {
  /** How the caller names this row in errors: array index or CSV line number. */
  readonly row: number;
  readonly msisdn: string;
  readonly iccid: string;
  /** Whole qəpik. */
  readonly balance: number;
  readonly validUntil: string;
  readonly planCode?: string | null;
  readonly language?: string | null;
}

export interface ProvisionDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export interface ProvisionResult {
  readonly items: readonly { readonly msisdn: string; readonly outcome: 'created' | 'existing' | 'reassigned' }[];
  readonly created: number;
  readonly existing: number;
  /** Released numbers given to a new holder with a new SIM. */
  readonly reassigned: number;
}

const BATCH = 2000;

function parseRows(rows: readonly ProvisionRow[], today: ReturnType<typeof operatorDay>, policy: ValidityPolicy): { lines: Line[]; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const lines: Line[] = [];
  const seenMsisdn = new Map<string, number>();
  const seenIccid = new Map<string, number>();
  for (const r of rows) {
    try {
      if (!Number.isSafeInteger(r.balance) || r.balance < 0) {
        throw new DomainError('INVALID_AMOUNT', 'balance must be whole qəpik, 0 or more');
      }
      const language = r.language ?? 'az';
      if (!isLocale(language)) throw new DomainError('VALIDATION_FAILED', `language "${language}" is not one of ${locales.join(', ')}`);
      const { line } = provisionLine({
        msisdn: parseMsisdn(r.msisdn),
        iccid: r.iccid.trim(),
        balance: qepik(r.balance),
        validUntil: parseIsoDate(r.validUntil.trim()),
        planCode: r.planCode ?? null,
        language,
      }, today, policy);
      const dupOf = seenMsisdn.get(line.msisdn) ?? seenIccid.get(line.iccid);
      if (dupOf !== undefined) throw new DomainError('VALIDATION_FAILED', `repeats row ${dupOf} (same number or ICCID)`);
      seenMsisdn.set(line.msisdn, r.row);
      seenIccid.set(line.iccid, r.row);
      lines.push(line);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      problems.push({ row: r.row, code: error.code, message: `row ${r.row}: ${error.message}` });
    }
  }
  return { lines, problems };
}

async function checkAgainstStored(sql: Sql, lines: readonly Line[], rowOf: ReadonlyMap<string, number>): Promise<{ existing: Set<string>; released: Map<string, string>; problems: ErrorDetail[] }> {
  const problems: ErrorDetail[] = [];
  const existing = new Set<string>();
  // Released numbers coming back with a new SIM, each with the SIM it was released with.
  const released = new Map<string, string>();
  const stored = await findStoredLineKeys(sql, lines.map((l) => l.msisdn), lines.map((l) => l.iccid));
  const stages = await findStoredLineStages(sql, lines.map((l) => l.msisdn));
  const byMsisdn = new Map(stored.map((s) => [s.msisdn, s.iccid]));
  const byIccid = new Map(stored.map((s) => [s.iccid, s.msisdn]));
  const plans = new Set(await listPlanCodes(sql));
  for (const line of lines) {
    const row = rowOf.get(line.msisdn) ?? 0;
    const storedIccid = byMsisdn.get(line.msisdn);
    const ownerOfIccid = byIccid.get(line.iccid);
    const releasedFrom = storedIccid !== undefined && storedIccid !== line.iccid && stages.get(line.msisdn)?.status === 'recyclable';
    if (storedIccid !== undefined && storedIccid !== line.iccid && !releasedFrom) {
      problems.push({ row, code: 'LINE_ALREADY_EXISTS', message: `row ${row}: ${line.msisdn} is already provisioned with another ICCID (a SIM swap needs an ID check at a store)` });
    } else if (ownerOfIccid !== undefined && ownerOfIccid !== line.msisdn) {
      problems.push({ row, code: 'LINE_ALREADY_EXISTS', message: `row ${row}: ICCID ${line.iccid} belongs to another number` });
    } else if (line.planCode !== null && !plans.has(line.planCode)) {
      problems.push({ row, code: 'PLAN_NOT_FOUND', message: `row ${row}: no plan "${line.planCode}"` });
    } else if (releasedFrom) {
      released.set(line.msisdn, storedIccid);
    } else if (storedIccid !== undefined) {
      existing.add(line.msisdn);
    }
  }
  return { existing, released, problems };
}

export async function provisionLines(deps: ProvisionDeps, rows: readonly ProvisionRow[]): Promise<ProvisionResult> {
  if (rows.length === 0) throw new DomainError('VALIDATION_FAILED', 'no lines to provision');
  const now = deps.now();
  const { lines, problems } = parseRows(rows, operatorDay(now), deps.policy);
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems[0]?.message ?? 'invalid rows', problems);
  // No problems means every row became a line, in order.
  const rowOf = new Map<string, number>(lines.map((l, i) => [l.msisdn, rows[i]?.row ?? i]));

  try {
    return await insertAll(deps, lines, rowOf, now);
  } catch (error) {
    // Two operators provisioning the same SIM for different numbers at the same moment.
    if (isUniqueViolation(error, 'lines_iccid_key')) throw new DomainError('LINE_ALREADY_EXISTS', 'an ICCID in this request was just provisioned for another number');
    throw error;
  }
}

async function insertAll(deps: ProvisionDeps, lines: readonly Line[], rowOf: ReadonlyMap<string, number>, now: Instant): Promise<ProvisionResult> {
  return deps.db.tx(async (sql) => {
    const existing = new Set<string>();
    const released = new Map<string, string>();
    const stored: ErrorDetail[] = [];
    for (let i = 0; i < lines.length; i += BATCH) {
      const check = await checkAgainstStored(sql, lines.slice(i, i + BATCH), rowOf);
      check.existing.forEach((m) => existing.add(m));
      check.released.forEach((iccid, m) => released.set(m, iccid));
      stored.push(...check.problems);
    }
    const first = stored[0];
    if (first) throw new DomainError(first.code ?? 'LINE_ALREADY_EXISTS', first.message, stored);
    const fresh = lines.filter((l) => !existing.has(l.msisdn) && !released.has(l.msisdn));
    for (let i = 0; i < fresh.length; i += BATCH) {
      await insertProvisionedLines(sql, fresh.slice(i, i + BATCH), new Date(now), deps.policy.version);
    }
    for (const line of lines) {
      const oldIccid = released.get(line.msisdn);
      if (oldIccid !== undefined) await reassignReleasedNumber(sql, line, oldIccid, deps.policy, now);
    }
    const outcome = (msisdn: string): 'created' | 'existing' | 'reassigned' => existing.has(msisdn) ? 'existing' : released.has(msisdn) ? 'reassigned' : 'created';
    return {
      items: lines.map((l) => ({ msisdn: l.msisdn, outcome: outcome(l.msisdn) })),
      created: fresh.length,
      existing: existing.size,
      reassigned: released.size,
    };
  });
}
