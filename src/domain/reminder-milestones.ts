// Reminders before a line's validity ends and notices as it enters each later stage: which one is
// due for a line on a day, the key that makes it go out once, and its text. A line that joins or is
// swept late gets only the most urgent milestone due, never a backlog of stale ones.
import { IntlMessageFormat } from 'intl-messageformat';
import type { IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { countdown, daysLeft, type LineStatus } from './lifecycle.ts';
import type { Locale } from './money.ts';
import { formatNational, type Msisdn } from './msisdn.ts';
import type { ValidityPolicy } from './policy.ts';
import { formatSmsDate, smsMessages, type SmsKind } from './sms-templates.ts';

// The days before the end that a reminder goes out are policy (ValidityPolicy.reminderDays), so an
// operator changes them in the policy file and the sweep, the settings and the opt-outs follow.
export const NOTICE_STAGES = ['one_way', 'suspended', 'quarantine'] as const;
export type NoticeStage = (typeof NOTICE_STAGES)[number];

export type Milestone =
  | { readonly kind: 'reminder'; readonly days: number }
  | { readonly kind: 'notice'; readonly stage: NoticeStage };

function isNoticeStage(status: LineStatus): status is NoticeStage {
  return (NOTICE_STAGES as readonly string[]).includes(status);
}

/**
 * The most urgent milestone due: for an active line `d` days before its end (0 on the last day),
 * the smallest of the policy's reminder days (30/7/1 in the demo) that is ≥ d; for a line in a
 * later stage, that stage's notice. "7 days before" means the validity end is 7 days after today.
 * Nothing for a recyclable line (the number is gone) or an active one past its end (the sweep
 * moves it first).
 */
export function dueMilestone(status: LineStatus, validUntil: IsoDate, today: IsoDate, reminderDays: readonly number[]): Milestone | undefined {
  if (isNoticeStage(status)) return { kind: 'notice', stage: status };
  if (status !== 'active') return undefined;
  const left = daysLeft(validUntil, today);
  if (left === 0) return undefined;
  // Milestones count days before the last day (the policy's unit): daysLeft less today.
  const d = left - 1;
  let due: number | undefined;
  for (const days of reminderDays) {
    if (d <= days && (due === undefined || days < due)) due = days;
  }
  return due === undefined ? undefined : { kind: 'reminder', days: due };
}

/** Unique per line, validity end and milestone: a renewal starts a new set of milestones. */
export function milestoneKey(msisdn: string, validUntil: IsoDate, milestone: Milestone): string {
  return milestone.kind === 'reminder'
    ? `reminder:${msisdn}:${validUntil}:${milestone.days}`
    : `notice:${msisdn}:${validUntil}:${milestone.stage}`;
}

export interface MilestoneSms {
  readonly kind: SmsKind;
  readonly text: string;
}

// Parsing an ICU message costs far more than formatting one; a sweep may render many thousands.
const formatters = new Map<string, IntlMessageFormat>();

function render(messageId: string, locale: Locale, values: Readonly<Record<string, string | number>>): string {
  const cacheKey = `${messageId}|${locale}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    const template = smsMessages[messageId]?.[locale];
    if (template === undefined) throw new DomainError('SMS_TEMPLATE_MISSING', `no SMS template "${messageId}" in ${locale}`);
    formatter = new IntlMessageFormat(template, locale);
    formatters.set(cacheKey, formatter);
  }
  const text = formatter.format(values);
  if (typeof text !== 'string') throw new DomainError('SMS_TEMPLATE_MISSING', `template "${messageId}" did not render to text`);
  return text;
}

/** What a milestone's text says about a validity end on a day; the same for every line sharing both. */
export interface MilestoneFacts {
  /** Days left, today included (1 on the last day): lifecycle's daysLeft, as every channel shows it. */
  readonly days: number;
  /** Days until the number can be given to someone else. */
  readonly daysToLoss: number;
}

export function milestoneFacts(validUntil: IsoDate, today: IsoDate, policy: ValidityPolicy): MilestoneFacts {
  return { days: daysLeft(validUntil, today), daysToLoss: countdown(validUntil, today, policy).daysUntilNumberLost };
}

/** The text in the line's language, with the countdown to the day the number can be lost. */
export function milestoneSms(
  milestone: Milestone, line: { readonly msisdn: Msisdn; readonly validUntil: IsoDate; readonly language: Locale }, facts: MilestoneFacts,
): MilestoneSms {
  const msisdn = formatNational(line.msisdn);
  const { days, daysToLoss } = facts;
  if (milestone.kind === 'reminder') {
    const validUntil = formatSmsDate(line.validUntil, line.language);
    return { kind: 'reminder', text: render('reminder.before_end', line.language, { msisdn, validUntil, days, daysToLoss }) };
  }
  return { kind: 'lifecycle_notice', text: render(`lifecycle_notice.${milestone.stage}`, line.language, { msisdn, daysToLoss }) };
}
