// The demo stores, typed, for tests: docs/examples/stores.csv as the import reads it, marked demo.
// Eight stores in five cities; addresses and positions are near real streets, but the stores and
// their phone numbers are invented.
import type { Store } from '../domain/store-schedule.ts';
import { parseStoresCsv } from '../domain/stores-file.ts';
import { readDemoStores } from './demo-files.ts';

export const demoStores: readonly Store[] = parseStoresCsv(readDemoStores(), { demo: true }).map((r) => r.store);
