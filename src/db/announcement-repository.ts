// Announcements for the portal, written by marketing staff; never deleted (ended_at ends one early).
import type { IsoDate } from '../domain/calendar.ts';
import type { AnnouncementInput } from '../domain/announcements.ts';
import type { Locale } from '../domain/money.ts';
import type { Sql } from './database.ts';

export interface AnnouncementRecord extends AnnouncementInput {
  readonly id: string;
  readonly createdAt: Date;
  readonly endedAt: Date | null;
}

interface Row {
  id: string;
  texts: Record<Locale, string>;
  starts_on: string;
  ends_on: string;
  created_at: Date;
  ended_at: Date | null;
}

function toRecord(r: Row): AnnouncementRecord {
  return { id: r.id, texts: r.texts, startsOn: r.starts_on as IsoDate, endsOn: r.ends_on as IsoDate, createdAt: r.created_at, endedAt: r.ended_at };
}

const columns = 'id, texts, starts_on::text as starts_on, ends_on::text as ends_on, created_at, ended_at';

export async function insertAnnouncement(sql: Sql, a: AnnouncementInput & { id: string; staffId: string }, at: Date): Promise<void> {
  await sql.query('insert into announcements (id, texts, starts_on, ends_on, created_by, created_at) values ($1, $2, $3, $4, $5, $6)',
    [a.id, JSON.stringify(a.texts), a.startsOn, a.endsOn, a.staffId, at]);
}

/** Shown on `day`: started, not past its last day, not ended early. Soonest to end first. */
export async function listCurrentAnnouncements(sql: Sql, day: IsoDate): Promise<AnnouncementRecord[]> {
  const rows = await sql.query<Row>(
    `select ${columns} from announcements
      where ended_at is null and starts_on <= $1::date and ends_on >= $1::date order by ends_on, created_at`, [day]);
  return rows.map(toRecord);
}

/** What the back office lists: those still to come or showing, then the latest past ones. */
export async function listRecentAnnouncements(sql: Sql, limit: number): Promise<AnnouncementRecord[]> {
  const rows = await sql.query<Row>(`select ${columns} from announcements order by (ended_at is null) desc, ends_on desc, created_at desc limit $1`, [limit]);
  return rows.map(toRecord);
}

/** Ends one early; false when there is none or it was ended already. */
export async function endAnnouncement(sql: Sql, id: string, staffId: string, at: Date): Promise<boolean> {
  const rows = await sql.query('update announcements set ended_at = $3, ended_by = $2 where id = $1 and ended_at is null returning 1', [id, staffId, at]);
  return rows.length === 1;
}
