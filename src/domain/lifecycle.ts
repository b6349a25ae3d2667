// Where a line stands as days pass after its validity ends, and how long until each next stage.
// Stage is a function of the validity end, the day and the policy; nothing else.
import { addDays, daysBetween, operatorDay, startOfOperatorDay, type Instant, type IsoDate } from './calendar.ts';
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

/**
 * What "valid until D" means: the line is active through 23:59:59.999 Baku time on D and turns
 * one-way at the first instant of D + 1. The last instant it is active, for texts that need one.
 */
export function lastActiveInstant(validUntil: IsoDate): Instant {
  return (startOfOperatorDay(addDays(validUntil, 1)) - 1) as Instant;
}

/**
 * Days of service left on `today`, today included: 1 on the last day D, 0 from D + 1 on. The one
 * number every channel shows (reminder SMS, USSD, dashboard, API countdown, staff console), so on
 * 6 December a line valid until 11 December has 6 days left everywhere.
 */
export function daysLeft(validUntil: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(today, validUntil) + 1);
}

/** daysLeft at a moment: the day is the calendar day in Baku at that instant. */
export function daysLeftAt(validUntil: IsoDate, at: Instant): number {
  return daysLeft(validUntil, operatorDay(at));
}

export interface Countdown {
  /** Days left until incoming-only (0 once there): daysLeft, today included. */
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
    daysUntilOneWay: daysLeft(validUntil, today),
    daysUntilSuspended: until(c.suspendedFrom),
    daysUntilNumberLost: until(c.recyclableFrom),
    oneWayFrom: c.oneWayFrom,
    suspendedFrom: c.suspendedFrom,
    quarantineFrom: c.quarantineFrom,
    numberLostFrom: c.recyclableFrom,
  };
}
