// The agent checks the customer's ID document and the SIM: recorded as checked, the document number
// kept only as an HMAC plus its last 4 characters, the ICCID compared with the line's.
import { operatorDay } from '../domain/calendar.ts';
import type { IsoDate } from '../domain/calendar.ts';
import { assertCheckableDocument, type DocumentType } from '../domain/counter-rules.ts';
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { findLine } from '../db/line-repository.ts';
import { writeAudit } from './staff-audit.ts';
import type { StaffDeps } from './staff-auth.ts';
import { documentHash, normalizeDocumentNumber } from './staff-crypto.ts';
import { counterStoreOf, type StaffActor } from './staff-scope.ts';

export interface IdCheckInput {
  readonly msisdn: string;
  readonly documentType: DocumentType;
  readonly issuingCountry: string;
  readonly documentNumber: string;
  readonly documentExpires: IsoDate;
  readonly iccid: string;
}

export async function recordIdCheck(deps: StaffDeps, actor: StaffActor, input: IdCheckInput): Promise<{ idCheckId: number; iccidMatches: boolean }> {
  const storeId = counterStoreOf(actor.staff);
  const now = deps.now();
  const msisdn = parseMsisdn(input.msisdn);
  const iccid = input.iccid.replace(/\s/g, '');
  const country = input.issuingCountry.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(country)) throw new DomainError('VALIDATION_FAILED', 'the issuing country is a 3-letter code (AZE, TUR, RUS…)', [{ path: 'issuingCountry', message: '3 letters' }]);
  assertCheckableDocument({ documentExpires: input.documentExpires, iccid, documentNumber: input.documentNumber }, operatorDay(now));
  const number = normalizeDocumentNumber(input.documentNumber);
  return deps.db.tx(async (sql) => {
    const line = await findLine(sql, msisdn);
    if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
    const iccidMatches = line.iccid === iccid;
    const [row] = await sql.query<{ id: number }>(
      `insert into id_checks (store_id, staff_id, msisdn, document_type, issuing_country, document_hash, document_last4, document_expires, iccid_entered, iccid_matches, checked_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [storeId, actor.staff.id, msisdn, input.documentType, country, documentHash(deps.secret, input.documentType, country, number), number.slice(-4),
        input.documentExpires, iccid, iccidMatches, new Date(now)]);
    if (!row) throw new Error('id check not written');
    await writeAudit(sql, {
      staffId: actor.staff.id, storeId, msisdn, action: 'id_check.record',
      detail: { idCheckId: row.id, documentType: input.documentType, issuingCountry: country, documentLast4: number.slice(-4), iccidMatches },
    }, actor.origin, now);
    return { idCheckId: row.id, iccidMatches };
  });
}
