// Demo stores in five cities, marked demo. Addresses and positions are near real streets, but the
// stores are invented. Counter counts are small on purpose (one counter in Lankaran, Nakhchivan and
// at 28 May) so that a few seeded visits make slots nearly full. The stores themselves are the
// example file docs/examples/stores.csv, loaded through the operator's own import.
import { readFileSync } from 'node:fs';
import type { Store } from '../domain/store-schedule.ts';
import { parseStoresCsv } from '../domain/stores-file.ts';

export const demoStoresFile = new URL('../../docs/examples/stores.csv', import.meta.url);

/** The file's text, as `saxla import-stores` would read it. */
export function readDemoStores(): string {
  return readFileSync(demoStoresFile, 'utf8');
}

export const demoStores: readonly Store[] = parseStoresCsv(readDemoStores(), { demo: true }).map((r) => r.store);

/** Places taken in the demo so some slots show as nearly full: [store, days ahead, slot index, places]. */
export const demoBookings: readonly (readonly [string, number, number, number])[] = [
  ['baku-28-may', 1, 0, 1], ['baku-28-may', 1, 1, 1], ['baku-28-may', 1, 3, 1],
  ['baku-fountain-square', 1, 2, 2], ['baku-fountain-square', 1, 3, 3], ['baku-fountain-square', 2, 0, 2],
  ['baku-ganjlik', 1, 4, 3],
  ['lankaran-aslanov', 1, 0, 1], ['nakhchivan-aliyev', 2, 1, 1], ['ganja-javad-khan', 1, 5, 1],
];
