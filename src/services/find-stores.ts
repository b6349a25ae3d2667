// The store locator and a store's slots for a day: distances, opening state and free places.
import { formatInstant, addDays, startOfOperatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import {
  distanceKm, isOpenAt, nextOpening, slotStartsOn, storeText, weekdays, type Coordinates, type Store, type Weekday,
} from '../domain/store-schedule.ts';
import type { Database, Sql } from '../db/database.ts';
import { countBookedPlaces, findStore, listStores } from '../db/store-repository.ts';

export interface StoreView {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly address: string;
  /** E.164, or null for a store entered without one. */
  readonly phone: string | null;
  readonly lat: number;
  readonly lng: number;
  readonly distanceKm: number | null;
  readonly hours: Readonly<Record<Weekday, readonly { readonly open: string; readonly close: string }[]>>;
  readonly holidays: readonly IsoDate[];
  readonly counters: number;
  readonly services: readonly string[];
  readonly openNow: boolean;
  readonly nextOpening: string | null;
  readonly demo: boolean;
}

export function viewStore(store: Store, locale: string, now: Instant, from: Coordinates | null): StoreView {
  const hours = {} as Record<Weekday, { open: string; close: string }[]>;
  for (const d of weekdays) hours[d] = (store.schedule.hours[d] ?? []).map(([open, close]) => ({ open, close }));
  const opening = nextOpening(store.schedule, now);
  return {
    id: store.id, name: storeText(store.names, locale), city: store.city, address: storeText(store.addresses, locale),
    phone: store.phone, lat: store.lat, lng: store.lng,
    // One decimal: a hundred metres is as precise as a walking distance needs to be.
    distanceKm: from ? Math.round(distanceKm(from, store) * 10) / 10 : null,
    hours, holidays: store.schedule.holidays, counters: store.schedule.counters, services: store.services,
    openNow: isOpenAt(store.schedule, now), nextOpening: opening === null ? null : formatInstant(opening), demo: store.demo,
  };
}

export async function findStoresNear(deps: { db: Database; now: () => Instant }, near: Coordinates | null, locale: string): Promise<StoreView[]> {
  const now = deps.now();
  const views = (await listStores(deps.db)).map((s) => viewStore(s, locale, now, near));
  return near ? views.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0)) : views;
}

export async function loadStore(sql: Sql, storeId: string): Promise<Store> {
  const store = await findStore(sql, storeId);
  if (!store) throw new DomainError('STORE_NOT_FOUND', `no store ${storeId}`);
  return store;
}

export interface SlotView {
  readonly start: string;
  readonly available: number;
}

/** Every slot of that day with its free places; a slot that has started shows 0. */
export async function listSlots(deps: { db: Database; now: () => Instant }, storeId: string, day: IsoDate): Promise<SlotView[]> {
  const store = await loadStore(deps.db, storeId);
  const now = deps.now();
  const booked = await countBookedPlaces(deps.db, store.id, startOfOperatorDay(day), startOfOperatorDay(addDays(day, 1)));
  return slotStartsOn(store.schedule, day).map((start) => ({
    start: formatInstant(start),
    available: start <= now ? 0 : Math.max(0, store.schedule.counters - (booked.get(start) ?? 0)),
  }));
}
