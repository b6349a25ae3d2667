// Where the demo's data lives: the example files an operator reads about in docs/importing.md,
// loaded by the demo's seeding through the same imports as an operator's own files. Read only when
// called, so a production process (which never seeds) never touches docs/.
import { readFileSync } from 'node:fs';

export const demoCatalogFile = new URL('../../docs/examples/catalog.json', import.meta.url);
export const demoStoresFile = new URL('../../docs/examples/stores.csv', import.meta.url);

/** The catalogue file's text, as `saxla import-catalog` would read it. */
export function readDemoCatalog(): string {
  return readFileSync(demoCatalogFile, 'utf8');
}

/** The stores file's text, as `saxla import-stores` would read it. */
export function readDemoStores(): string {
  return readFileSync(demoStoresFile, 'utf8');
}

/**
 * Places taken in the demo so some slots show as nearly full: [store, days ahead, slot index,
 * places]. Counter counts in the stores file are small on purpose (one counter in Lankaran,
 * Nakhchivan and at 28 May) so that these few visits make slots nearly full.
 */
export const demoBookings: readonly (readonly [string, number, number, number])[] = [
  ['baku-28-may', 1, 0, 1], ['baku-28-may', 1, 1, 1], ['baku-28-may', 1, 3, 1],
  ['baku-fountain-square', 1, 2, 2], ['baku-fountain-square', 1, 3, 3], ['baku-fountain-square', 2, 0, 2],
  ['baku-ganjlik', 1, 4, 3],
  ['lankaran-aslanov', 1, 0, 1], ['nakhchivan-aliyev', 2, 1, 1], ['ganja-javad-khan', 1, 5, 1],
];
