// Announcements on the portal, from the back office: marketing staff (or an admin) write one in
// every language with its days, and may end one early. Audited like every staff action.
import { randomUUID } from 'node:crypto';
import { operatorDay } from '../domain/calendar.ts';
import { parseAnnouncement } from '../domain/announcements.ts';
import { DomainError } from '../domain/errors.ts';
import { endAnnouncement, insertAnnouncement, listRecentAnnouncements, type AnnouncementRecord } from '../db/announcement-repository.ts';
import type { MarketingDeps } from './manage-promotions.ts';
import { writeAudit } from './staff-audit.ts';
import { assertMarketing, type StaffActor } from './staff-scope.ts';

export async function listAnnouncementsForStaff(deps: MarketingDeps, actor: StaffActor): Promise<AnnouncementRecord[]> {
  assertMarketing(actor.staff);
  return listRecentAnnouncements(deps.db, 50);
}

export async function createAnnouncement(deps: MarketingDeps, actor: StaffActor, form: { texts: Partial<Record<string, string>>; startsOn: string; endsOn: string }): Promise<string> {
  assertMarketing(actor.staff);
  const now = deps.now();
  const input = parseAnnouncement(form, operatorDay(now));
  const id = randomUUID();
  await deps.db.tx(async (sql) => {
    await insertAnnouncement(sql, { ...input, id, staffId: actor.staff.id }, new Date(now));
    await writeAudit(sql, { staffId: actor.staff.id, storeId: null, action: 'announcement.create', detail: { id, startsOn: input.startsOn, endsOn: input.endsOn, texts: input.texts } }, actor.origin, now);
  });
  return id;
}

export async function endAnnouncementEarly(deps: MarketingDeps, actor: StaffActor, id: string): Promise<void> {
  assertMarketing(actor.staff);
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('NOT_FOUND', `no announcement ${id}`);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    if (!(await endAnnouncement(sql, id, actor.staff.id, new Date(now)))) throw new DomainError('NOT_FOUND', `no announcement ${id} showing or to come`);
    await writeAudit(sql, { staffId: actor.staff.id, storeId: null, action: 'announcement.end', detail: { id } }, actor.origin, now);
  });
}

/** What the console lists of an announcement (the repository's record). */
export type { AnnouncementRecord } from '../db/announcement-repository.ts';
