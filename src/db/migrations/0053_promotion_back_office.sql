-- The promotions back office (issue 13): marketing staff draft, publish, pause and end promotions,
-- and write announcements for the portal.

-- Marketing works for the whole operator, like an admin, so its accounts belong to no store.
-- (Support staff answer every store's customers too; their role joins the vocabulary separately.)
alter table staff drop constraint staff_check,
  add constraint staff_store_check check (role in ('admin', 'marketing', 'support') or store_id is not null);

-- Where a promotion stands in the back office. `active` stays what pricing reads (offered or not);
-- the check ties the two together, so no writer can set one and forget the other. A draft's
-- document may still lack languages (it is never parsed until it is published); 'ended' is final.
alter table promotions
  add column state text not null default 'published' check (state in ('draft', 'published', 'paused', 'ended')),
  add column descriptions jsonb,
  add column updated_at timestamptz;
update promotions set state = 'paused' where not active;
alter table promotions add constraint promotions_state_active check (active = (state = 'published'));

-- A writer that names only `active` (the catalogue import of older files, tools, tests) moves the
-- state with it; one that names the state gets `active` from it. Either way the two never disagree.
create function promotions_state_follows_active() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' and new.state = 'published' and not new.active then
    new.state := 'paused';
  elsif tg_op = 'UPDATE' and new.state is not distinct from old.state and new.active is distinct from old.active then
    new.state := case when new.active then 'published' else 'paused' end;
  end if;
  new.active := (new.state = 'published');
  return new;
end $$;
create trigger promotions_state_follows_active before insert or update on promotions
  for each row execute function promotions_state_follows_active();

-- Short notices on the portal (a store closed for a holiday, a campaign), in every customer
-- language, shown from starts_on to ends_on inclusive (Baku calendar days). Ending one early sets
-- ended_at; nothing is deleted, so what customers were told stays on record.
create table announcements (
  id uuid primary key,
  texts jsonb not null,
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  created_by text references staff (id),
  created_at timestamptz not null,
  ended_at timestamptz,
  ended_by text references staff (id)
);
create index announcements_current on announcements (ends_on, starts_on) where ended_at is null;
