// Stores and their booked places. Appointments are written by the booking service; here only the
// reads that the locator and the slot list need, and the demo upsert.
import type { Instant, IsoDate } from '../domain/calendar.ts';
import { parseWeeklyHours, type Store, type StoreTexts } from '../domain/store-schedule.ts';
import type { Sql } from './database.ts';
import type { UpsertCounts } from './plan-repository.ts';

interface StoreRow {
  id: string; code: string; names: StoreTexts; addresses: StoreTexts; city: string; lat: number; lng: number;
  hours: unknown; holidays: string[] | string; counters: number; slot_minutes: number; services: string[]; phone: string | null; demo: boolean;
}

/** date[] comes back as a JS array from pg and as "{2026-12-31,…}" text from some paths. */
function dateList(value: string[] | string): IsoDate[] {
  const list = Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return list.map((d) => String(d).slice(0, 10) as IsoDate);
}

function toStore(r: StoreRow): Store {
  return {
    id: r.id, code: r.code, names: r.names, addresses: r.addresses, city: r.city, lat: r.lat, lng: r.lng,
    schedule: { hours: parseWeeklyHours(r.hours), holidays: dateList(r.holidays), counters: r.counters, slotMinutes: r.slot_minutes },
    services: r.services, phone: r.phone, demo: r.demo,
  };
}

const columns = 'id, code, names, addresses, city, lat, lng, hours, holidays::text[] as holidays, counters, slot_minutes, services, phone, demo';

export async function listStores(sql: Sql): Promise<Store[]> {
  const rows = await sql.query<StoreRow>(`select ${columns} from stores where active order by id`);
  return rows.map(toStore);
}

export async function findStore(sql: Sql, id: string): Promise<Store | undefined> {
  const [row] = await sql.query<StoreRow>(`select ${columns} from stores where id = $1 and active`, [id]);
  return row ? toStore(row) : undefined;
}

/** Inserts stores that are not there yet; an existing store (maybe edited since) is left alone. */
export async function insertStores(sql: Sql, stores: readonly Store[]): Promise<number> {
  let created = 0;
  for (const s of stores) {
    const rows = await sql.query(
      `insert into stores (id, code, names, addresses, city, lat, lng, hours, holidays, counters, slot_minutes, services, phone, demo)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date[], $10, $11, $12::text[], $13, $14)
       on conflict (id) do nothing returning 1`,
      [s.id, s.code, JSON.stringify(s.names), JSON.stringify(s.addresses), s.city, s.lat, s.lng, JSON.stringify(s.schedule.hours),
        s.schedule.holidays, s.schedule.counters, s.schedule.slotMinutes, s.services, s.phone, s.demo],
    );
    created += rows.length;
  }
  return created;
}

/**
 * Writes stores as the operator's file has them (an import). A store that already says the same
 * is not touched, so importing one file twice changes nothing the second time.
 */
export async function importStores(
  sql: Sql, entries: readonly { readonly store: Store; readonly active: boolean }[],
): Promise<UpsertCounts & { readonly createdIds: readonly string[] }> {
  const createdIds: string[] = [];
  let updated = 0;
  for (const { store: s, active } of entries) {
    const [row] = await sql.query<{ created: boolean }>(
      `insert into stores (id, code, names, addresses, city, lat, lng, hours, holidays, counters, slot_minutes, services, phone, demo, active)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date[], $10, $11, $12::text[], $13, $14, $15)
       on conflict (id) do update set code = excluded.code, names = excluded.names, addresses = excluded.addresses,
         city = excluded.city, lat = excluded.lat, lng = excluded.lng, hours = excluded.hours, holidays = excluded.holidays,
         counters = excluded.counters, slot_minutes = excluded.slot_minutes, services = excluded.services,
         phone = excluded.phone, demo = excluded.demo, active = excluded.active
       where (stores.code, stores.names, stores.addresses, stores.city, stores.lat, stores.lng, stores.hours, stores.holidays,
              stores.counters, stores.slot_minutes, stores.services, stores.phone, stores.demo, stores.active)
         is distinct from (excluded.code, excluded.names, excluded.addresses, excluded.city, excluded.lat, excluded.lng, excluded.hours,
              excluded.holidays, excluded.counters, excluded.slot_minutes, excluded.services, excluded.phone, excluded.demo, excluded.active)
       returning (xmax = 0) as created`,
      [s.id, s.code, JSON.stringify(s.names), JSON.stringify(s.addresses), s.city, s.lat, s.lng, JSON.stringify(s.schedule.hours),
        s.schedule.holidays, s.schedule.counters, s.schedule.slotMinutes, s.services, s.phone, s.demo, active],
    );
    if (row?.created) createdIds.push(s.id);
    else if (row) updated += 1;
  }
  return { created: createdIds.length, updated, createdIds };
}

/** Which store holds each receipt code, so an import can refuse a code another store already prints. */
export async function listStoreCodes(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql.query<{ id: string; code: string }>('select id, code from stores');
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Booked places per slot start (ms) between two instants. */
export async function countBookedPlaces(sql: Sql, storeId: string, from: Instant, to: Instant): Promise<Map<number, number>> {
  const rows = await sql.query<{ slot_start: Date; n: number }>(
    `select slot_start, count(*)::int8 as n from appointments
      where store_id = $1 and status <> 'cancelled' and slot_start >= $2 and slot_start < $3
      group by slot_start`, [storeId, new Date(from), new Date(to)]);
  return new Map(rows.map((r) => [r.slot_start.getTime(), r.n]));
}
