// Stores and their booked places. Appointments are written by the booking service; here only the
// reads that the locator and the slot list need, and the demo upsert.
import type { Instant, IsoDate } from '../domain/calendar.ts';
import { parseWeeklyHours, type Store, type StoreTexts } from '../domain/store-schedule.ts';
import type { Sql } from './database.ts';

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

/** Booked places per slot start (ms) between two instants. */
export async function countBookedPlaces(sql: Sql, storeId: string, from: Instant, to: Instant): Promise<Map<number, number>> {
  const rows = await sql.query<{ slot_start: Date; n: number }>(
    `select slot_start, count(*)::int8 as n from appointments
      where store_id = $1 and status <> 'cancelled' and slot_start >= $2 and slot_start < $3
      group by slot_start`, [storeId, new Date(from), new Date(to)]);
  return new Map(rows.map((r) => [r.slot_start.getTime(), r.n]));
}
