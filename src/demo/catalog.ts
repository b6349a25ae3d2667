// The demo catalogue is the example file an operator reads about in docs/importing.md: one file,
// loaded by the demo's seeding through the same import as an operator's own, and read here (typed)
// for tests and benchmarks. catalog.test.ts checks its prices and languages.
import { readFileSync } from 'node:fs';
import type { Plan } from '../domain/catalog.ts';
import { parseCatalogFile } from '../domain/catalog-file.ts';
import type { Promotion } from '../domain/promotions.ts';

export const demoCatalogFile = new URL('../../docs/examples/catalog.json', import.meta.url);

/** The file's text, as `saxla import-catalog` would read it. */
export function readDemoCatalog(): string {
  return readFileSync(demoCatalogFile, 'utf8');
}

const catalog = parseCatalogFile(readDemoCatalog());

export const demoPlans: readonly Plan[] = catalog.plans.map((e) => e.value);
export const demoPromotions: readonly Promotion[] = catalog.promotions.map((e) => e.value);
