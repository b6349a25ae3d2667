// Demo mode's first start: the demo catalogue, stores, lines and customer, and a demo store
// manager whose one-time password and authenticator secret exist in clear only in this process.
// Never called in production, which starts empty.
import type { Instant } from '../domain/calendar.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';
import { countPlans } from '../db/plan-repository.ts';
import { demoCustomer, demoLines, seedDemo } from './seed-demo.ts';
import { createStaff } from './staff-auth.ts';

export const DEMO_STAFF = { storeId: 'baku-28-may', phone: '+994700000100', name: 'Aysel Məmmədova' } as const;

export interface DemoWelcome {
  /** What the console shows about the demo, given the URL the server listens on. */
  lines(url: string): string[];
  /** Credentials made on this start, shown once in the secrets block. */
  readonly secrets: Readonly<Record<string, string>>;
}

export async function prepareDemo(deps: { db: Database; policy: ValidityPolicy; now: () => Instant; secret: string }): Promise<DemoWelcome> {
  const firstStart = (await countPlans(deps.db)) === 0;
  if (firstStart) await seedDemo(deps);
  const staff = firstStart
    ? await createStaff({ db: deps.db, now: deps.now, secret: deps.secret }, { role: 'manager', storeId: DEMO_STAFF.storeId, phone: DEMO_STAFF.phone, name: DEMO_STAFF.name }, { staffId: null, origin: { ip: null, userAgent: 'saxla serve (demo)' } })
    : undefined;
  return {
    lines: (url) => [
      `  demo lines: ${demoLines.map((l) => l.msisdn).join(', ')}`,
      `  demo customer: log in at ${url}/ with ${demoCustomer.msisdn} and password ${demoCustomer.password}`,
      staff
        ? `  staff console: ${url}/staff, demo manager ${DEMO_STAFF.phone} (${DEMO_STAFF.storeId}); its one-time password and authenticator secret are below`
        : `  staff console: ${url}/staff; more accounts from a manager's Team page or \`npx saxla create-staff --role agent --store <id> --phone <number>\``,
    ],
    secrets: staff ? { DEMO_MANAGER_ONE_TIME_PASSWORD: staff.initialPassword, DEMO_MANAGER_TOTP_SECRET: staff.totpSecret } : {},
  };
}
