// The demo catalogue, typed, for tests and benchmarks: docs/examples/catalog.json as the import
// reads it. catalog.test.ts checks its prices and languages.
import type { Plan } from '../domain/catalog.ts';
import { parseCatalogFile } from '../domain/catalog-file.ts';
import type { Promotion } from '../domain/promotions.ts';
import { readDemoCatalog } from './demo-files.ts';

const catalog = parseCatalogFile(readDemoCatalog());

export const demoPlans: readonly Plan[] = catalog.plans.map((e) => e.value);
export const demoPromotions: readonly Promotion[] = catalog.promotions.map((e) => e.value);
