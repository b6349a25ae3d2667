// Where a line stands as days pass after its validity ends, and how long until each next stage.
// Stage is a function of the validity end, the day and the policy; nothing else.
import { addDays, daysBetween, type IsoDate } from './calendar.ts';
import type { ValidityPolicy } from './policy.ts';

export const lineStatuses = ['active', 'one_way', 'suspended', 'quarantine', 'recyclable'] as const;
export type LineStatus = (typeof lineStatuses)[number];

const rank: Readonly<Record<LineStatus, number>> = { active: 0, one_way: 1, suspended: 2, quarantine: 3, recyclable: 4 };

export function statusRank(status: LineStatus): number {
  return rank[status];
}

/** The first day of each stage for a line whose last active day is `validUntil`. */
export interface StageCalendar {
  readonly oneWayFrom: IsoDate;
  readonly suspendedFrom: IsoDate;
  readonly quarantineFrom: IsoDate;
  readonly recyclableFrom: IsoDate;
}

export function stageCalendar(validUntil: IsoDate, policy: ValidityPolicy): StageCalendar {
  const { oneWayDays, suspendedDays, quarantineDays } = policy.stages;
  const oneWayFrom = addDays(validUntil, 1);
  const suspendedFrom = addDays(oneWayFrom, oneWayDays);
  const quarantineFrom = addDays(suspendedFrom, suspendedDays);
  const recyclableFrom = addDays(quarantineFrom, quarantineDays);
  return { oneWayFrom, suspendedFrom, quarantineFrom, recyclableFrom };
}

export function statusOn(validUntil: IsoDate, today: IsoDate, policy: ValidityPolicy): LineStatus {
  const c = stageCalendar(validUntil, policy);
  if (today < c.oneWayFrom) return 'active';
  if (today < c.suspendedFrom) return 'one_way';
  if (today < c.quarantineFrom) return 'suspended';
  if (today < c.recyclableFrom) return 'quarantine';
  return 'recyclable';
}

/**
 * The same rule turned around for set-based sweeps: on `today`, a line is in a stage at least as
 * late as X exactly when its validity end is before the cutoff for X. Lets the database compare
 * dates in one pass instead of calling statusOn per row.
 */
export interface StageCutoffs {
  /** validUntil < oneWayBelow → at least one_way. */
  readonly oneWayBelow: IsoDate;
  readonly suspendedBelow: IsoDate;
  readonly quarantineBelow: IsoDate;
  readonly recyclableBelow: IsoDate;
}

export function stageCutoffs(today: IsoDate, policy: ValidityPolicy): StageCutoffs {
  const { oneWayDays, suspendedDays, quarantineDays } = policy.stages;
  return {
    oneWayBelow: today,
    suspendedBelow: addDays(today, -oneWayDays),
    quarantineBelow: addDays(today, -(oneWayDays + suspendedDays)),
    recyclableBelow: addDays(today, -(oneWayDays + suspendedDays + quarantineDays)),
  };
}

/** What a sweep does to a stored status: stages only ever advance by time, never go back. */
export function sweptStatus(stored: LineStatus, validUntil: IsoDate, today: IsoDate, policy: ValidityPolicy): LineStatus {
  const due = statusOn(validUntil, today, policy);
  return rank[due] > rank[stored] ? due : stored;
}

export interface Countdown {
  /** Days left until incoming-only (0 once there). */
  readonly daysUntilOneWay: number;
  readonly daysUntilSuspended: number;
  /** Days until the number may be given to someone else. */
  readonly daysUntilNumberLost: number;
  readonly oneWayFrom: IsoDate;
  readonly suspendedFrom: IsoDate;
  readonly quarantineFrom: IsoDate;
  readonly numberLostFrom: IsoDate;
}

export function countdown(validUntil: IsoDate, today: IsoDate, policy: ValidityPolicy): Countdown {
  const c = stageCalendar(validUntil, policy);
  const until = (day: IsoDate): number => Math.max(0, daysBetween(today, day));
  return {
    daysUntilOneWay: until(c.oneWayFrom),
    daysUntilSuspended: until(c.suspendedFrom),
    daysUntilNumberLost: until(c.recyclableFrom),
    oneWayFrom: c.oneWayFrom,
    suspendedFrom: c.suspendedFrom,
    quarantineFrom: c.quarantineFrom,
    numberLostFrom: c.recyclableFrom,
  };
}
