// The simulated operator on day 0: the demo catalogue, N lines provisioned in batches through the
// product's provisioning use case, and the auto-renew customers' accounts and standing orders.
import { addDays, startOfOperatorDay, type Instant, type IsoDate } from '../../src/domain/calendar.ts';
import { withIccidCheckDigit } from '../../src/domain/line.ts';
import { qepik, type Locale } from '../../src/domain/money.ts';
import { trustedMsisdn, type Msisdn } from '../../src/domain/msisdn.ts';
import type { ValidityPolicy } from '../../src/domain/policy.ts';
import type { Database } from '../../src/db/database.ts';
import { insertCustomer, insertCustomerLine } from '../../src/db/account-repository.ts';
import { saveAutoRenew } from '../../src/db/auto-renew-repository.ts';
import { listActivePlans } from '../../src/db/plan-repository.ts';
import { readDemoCatalog } from '../../src/demo/demo-files.ts';
import { planText } from '../../src/domain/catalog.ts';
import { importCatalog } from '../../src/services/import-catalog.ts';
import { provisionLines } from '../../src/services/provision-lines.ts';
import { drawLanguage, drawPersona, randomInt, simulatedPlans, type Persona, type Random } from './behaviour.ts';

export interface SimLine {
  readonly msisdn: Msisdn;
  readonly persona: Persona;
  readonly language: Locale;
  /** The plan it always renews: a second plan would be scheduled, which is another story. */
  readonly planCode: string;
  /** `lapses` stops after this many renewals. */
  readonly lapseAfter: number;
  validUntil: IsoDate;
  renewals: number;
  /** Day index of the next action, or -1 for none. */
  actionDay: number;
  tripFrom: number;
  tripTo: number;
}

export interface World {
  readonly lines: SimLine[];
  readonly start: IsoDate;
  /** Plan code → price per month and name in each language, as the customer sees them. */
  readonly plans: ReadonlyMap<string, { readonly monthlyPrice: number; readonly names: Readonly<Record<Locale, string>> }>;
}

const PROVISION_BATCH = 10_000;
export const AUTO_RENEW_DAYS_BEFORE = 3;

export function msisdnOf(serial: number): Msisdn {
  return trustedMsisdn(`+99450${String(serial).padStart(7, '0')}`);
}

export function dayAt(start: IsoDate, day: number, hour: number, minute = 0): Instant {
  return (startOfOperatorDay(addDays(start, day)) + (hour * 60 + minute) * 60_000) as Instant;
}

export async function buildWorld(db: Database, policy: ValidityPolicy, count: number, start: IsoDate, random: Random): Promise<World> {
  const now = (): Instant => dayAt(start, 0, 0, 5);
  await importCatalog({ db, now }, readDemoCatalog(), 'cli');
  const stored = await listActivePlans(db);
  const plans = new Map(stored.filter((p) => (simulatedPlans as readonly string[]).includes(p.code)).map((p) => [p.code, {
    monthlyPrice: p.monthlyPrice,
    names: { az: planText(p, 'az').name, en: planText(p, 'en').name, ru: planText(p, 'ru').name, zh: planText(p, 'zh').name, tr: planText(p, 'tr').name },
  }]));
  const lines: SimLine[] = [];
  for (let i = 1; i <= count; i++) {
    const persona = drawPersona(random);
    // Every live line starts more than 30 days from its end, so the policy's three reminders are all
    // ahead of it; a dormant one ended 95–170 days ago (quarantine or suspended) and is recycled this year.
    const ends = persona === 'dormant' ? randomInt(random, -170, -95) : randomInt(random, 31, 150);
    lines.push({
      msisdn: msisdnOf(i), persona, language: drawLanguage(random), planCode: random() < 0.85 ? 'SAXLA_NOMRE' : 'INTERNET_5GB',
      lapseAfter: randomInt(random, 1, 4), validUntil: addDays(start, ends), renewals: 0, actionDay: -1, tripFrom: -1, tripTo: -1,
    });
  }
  for (let i = 0; i < lines.length; i += PROVISION_BATCH) {
    const rows = lines.slice(i, i + PROVISION_BATCH).map((l, j) => ({
      row: i + j + 1, msisdn: l.msisdn, iccid: withIccidCheckDigit(`89994${l.msisdn.slice(4).padStart(13, '0')}`),
      // Auto-renew pays from the balance: a year of the plan is loaded on day 0.
      balance: l.persona === 'auto' ? (plans.get(l.planCode)?.monthlyPrice ?? 0) * 13 : randomInt(random, 0, 5) * 100,
      validUntil: l.validUntil, planCode: l.planCode, language: l.language,
    }));
    await provisionLines({ db, policy, now }, rows);
  }
  await setUpAutoRenew(db, lines.filter((l) => l.persona === 'auto'), new Date(now()));
  return { lines, start, plans };
}

/** One account per auto-renew line holding it, with a standing order to renew 3 days before the end. */
async function setUpAutoRenew(db: Database, lines: readonly SimLine[], at: Date): Promise<void> {
  await db.tx(async (sql) => {
    for (const line of lines) {
      const customerId = await insertCustomer(sql, 'simulated-year: no password', line.language, at);
      await insertCustomerLine(sql, customerId, line.msisdn, true, at);
      await saveAutoRenew(sql, {
        msisdn: line.msisdn, customerId, paymentMethodId: null,
        setting: { rule: { kind: 'renew', planCode: line.planCode, months: 1, daysBefore: AUTO_RENEW_DAYS_BEFORE }, monthlyCap: qepik(5000), source: 'balance' },
      }, at);
    }
  });
}
