// Demo stores (docs/examples/stores.csv, through the operator's own import, marked demo) and a few
// booked places (walk-in visits with no customer), so the locator has stores in five cities and
// some slots show as nearly full. Idempotent on store ids and places.
import { addDays, operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { slotStartsOn, type Store } from '../domain/store-schedule.ts';
import type { Database } from '../db/database.ts';
import { claimPlace } from '../db/appointment-repository.ts';
import { demoBookings, readDemoStores } from '../demo/demo-files.ts';
import { parseStoresCsv } from '../domain/stores-file.ts';
import { importStoresCsv } from './import-stores.ts';

/** The n-th day from today (1 = the first) on which the store has slots. */
function nthOpenDay(store: Store, today: IsoDate, n: number): IsoDate | undefined {
  let seen = 0;
  for (let i = 1; i <= 14; i++) {
    const day = addDays(today, i);
    if (slotStartsOn(store.schedule, day).length > 0 && ++seen === n) return day;
  }
  return undefined;
}

export async function seedDemoStores(deps: { db: Database; now: () => Instant }): Promise<{ stores: number; places: number }> {
  const now = deps.now();
  const today = operatorDay(now);
  const text = readDemoStores();
  const imported = await importStoresCsv(deps, text, { actor: 'demo-seed', demo: true });
  const demoStores = parseStoresCsv(text, { demo: true }).map((r) => r.store);
  // Booked only in stores this run created, so a second run does not fill the slots further.
  const fresh = new Set(imported.createdIds);
  return deps.db.tx(async (sql) => {
    let places = 0;
    for (const [storeId, nth, slotIndex, count] of demoBookings) {
      const store = demoStores.find((s) => s.id === storeId);
      const day = store ? nthOpenDay(store, today, nth) : undefined;
      const slot = store && day ? slotStartsOn(store.schedule, day)[slotIndex] : undefined;
      if (!fresh.has(storeId) || !store || !day || slot === undefined) continue;
      for (let i = 0; i < count; i++) {
        const claimed = await claimPlace(sql, {
          id: `demo-${storeId}-${day}-${slotIndex}-${i}`, storeId, counters: store.schedule.counters, customerId: null, msisdn: null,
          language: 'az', slotStart: slot, purpose: 'renewal', demo: true, at: now,
        });
        if (claimed) places += 1;
      }
    }
    return { stores: imported.stores.created, places };
  });
}
