// A multi-SIM number's SIMs at the counter (issue 13): adding one needs a fresh ID check of the
// number at this store (as a sale does) and the new SIM's ICCID; adding and removing are in the
// staff audit log with the ICCID's last 4 digits.
import { DomainError } from '../domain/errors.ts';
import { iccidTail } from '../domain/groups.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { requireIdCheck } from './counter-sale.ts';
import { attachSim, loadLine, readIccid, simsOf, type SimView } from './line-sims.ts';
import { detachSim } from './remove-line-sim.ts';
import { writeAudit } from './staff-audit.ts';
import type { StaffDeps } from './staff-auth.ts';
import { counterStoreOf, type StaffActor } from './staff-scope.ts';

export async function listSimsAtCounter(deps: StaffDeps, actor: StaffActor, msisdn: string): Promise<SimView[]> {
  counterStoreOf(actor.staff);
  return deps.db.tx(async (sql) => simsOf(sql, await loadLine(sql, parseMsisdn(msisdn))));
}

export async function addSimAtCounter(deps: StaffDeps, actor: StaffActor, input: { msisdn: string; iccid: string }): Promise<SimView[]> {
  const storeId = counterStoreOf(actor.staff);
  const msisdn = parseMsisdn(input.msisdn);
  const iccid = readIccid(input.iccid);
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    const idCheckId = await requireIdCheck(sql, storeId, msisdn, now);
    const sims = await attachSim(sql, await loadLine(sql, msisdn), iccid, { staffId: actor.staff.id }, now);
    await writeAudit(sql, { staffId: actor.staff.id, storeId, msisdn, action: 'sim.add', detail: { iccidLast4: iccidTail(iccid), idCheckId } }, actor.origin, now);
    return sims;
  });
}

export async function removeSimAtCounter(deps: StaffDeps, actor: StaffActor, input: { msisdn: string; simId: string }): Promise<SimView[]> {
  const storeId = counterStoreOf(actor.staff);
  const msisdn = parseMsisdn(input.msisdn);
  const now = deps.now();
  if (input.simId.length === 0) throw new DomainError('VALIDATION_FAILED', 'which SIM?');
  return deps.db.tx(async (sql) => {
    const { items, iccidLast4 } = await detachSim(sql, msisdn, input.simId, { staffId: actor.staff.id }, now);
    await writeAudit(sql, { staffId: actor.staff.id, storeId, msisdn, action: 'sim.remove', detail: { iccidLast4, simId: input.simId } }, actor.origin, now);
    return items;
  });
}
