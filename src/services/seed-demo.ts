// Demo data for `npm start` and `saxla seed-demo`: the demo catalogue and stores (the example
// files in docs/examples, through the operator's own imports) and a handful of lines at every
// stage of the lifecycle, so the countdown and the reminders have something to show.
// Idempotent: running it again changes nothing that exists. Only ever called in demo mode.
import { addDays, operatorDay, type Instant } from '../domain/calendar.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';
import { findLoginAccount, insertCustomer, insertCustomerLine } from '../db/account-repository.ts';
import { readDemoCatalog } from '../demo/demo-files.ts';
import { parseCatalogFile } from '../domain/catalog-file.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { importCatalog } from './import-catalog.ts';
import { hashPassword } from './password-hashing.ts';
import { provisionLines, type ProvisionResult } from './provision-lines.ts';
import { seedDemoStores } from './seed-demo-stores.ts';

export interface SeedDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

/** Numbers from the demo range +99450 000 01xx, with ICCIDs that pass the Luhn check. */
export const demoLines = [
  { msisdn: '+994500000101', iccid: '8999400000000001017', offsetDays: 45, balance: 320, planCode: 'ECNEBI_PAKET', language: 'en', note: 'a foreign student, 45 days left' },
  { msisdn: '+994500000102', iccid: '8999400000000001025', offsetDays: 5, balance: 80, planCode: null, language: 'az', note: '5 days left' },
  { msisdn: '+994500000103', iccid: '8999400000000001033', offsetDays: -10, balance: 0, planCode: null, language: 'ru', note: 'one-way since 10 days' },
  { msisdn: '+994500000104', iccid: '8999400000000001041', offsetDays: -50, balance: 15, planCode: null, language: 'zh', note: 'suspended' },
  { msisdn: '+994500000105', iccid: '8999400000000001058', offsetDays: -120, balance: 0, planCode: null, language: 'en', note: 'in quarantine: store only' },
  { msisdn: '+994550000106', iccid: '8999400000000001066', offsetDays: 200, balance: 1500, planCode: 'AILE_4', language: 'az', note: 'family plan, well ahead' },
] as const;

/**
 * The demo customer: an account holding a line 5 days from one-way and a suspended one (linked, as a
 * family member's would be). The password is public on purpose: it is demo data, printed by npm start.
 */
export const demoCustomer = { msisdn: '+994500000102', linked: ['+994500000104'], password: 'Demo-Saxla-2026', language: 'en' } as const;

async function seedDemoCustomer(deps: SeedDeps): Promise<void> {
  const login = trustedMsisdn(demoCustomer.msisdn);
  // Hashing takes a moment; done before the transaction so nothing waits inside it.
  const passwordHash = await hashPassword(demoCustomer.password);
  await deps.db.tx(async (sql) => {
    if (await findLoginAccount(sql, login)) return;
    const at = new Date(deps.now());
    const id = await insertCustomer(sql, passwordHash, demoCustomer.language, at);
    await insertCustomerLine(sql, id, login, true, at);
    for (const m of demoCustomer.linked) await insertCustomerLine(sql, id, trustedMsisdn(m), false, at);
  });
}

export async function seedDemo(deps: SeedDeps): Promise<{ plans: number; lines: ProvisionResult; stores: { stores: number; places: number } }> {
  const catalogText = readDemoCatalog();
  const catalog = await importCatalog(deps, catalogText, 'demo-seed');
  const plans = catalog.plans.created + catalog.plans.updated + catalog.plans.unchanged;
  const today = operatorDay(deps.now());
  // A demo line names its plan only if the file (maybe edited) still has it.
  const planCodes = new Set(parseCatalogFile(catalogText).plans.map((e) => e.value.code));
  const lines = await provisionLines(deps, demoLines.map((l, i) => ({
    row: i + 1,
    msisdn: l.msisdn,
    iccid: l.iccid,
    balance: l.balance,
    validUntil: addDays(today, l.offsetDays),
    planCode: l.planCode && planCodes.has(l.planCode) ? l.planCode : null,
    language: l.language,
  })));
  const stores = await seedDemoStores(deps);
  await seedDemoCustomer(deps);
  return { plans, lines, stores };
}
