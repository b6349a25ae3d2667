-- Issue 13, family groups: a payer's account and the numbers that joined it, each with a code
-- sent to that number. Rows are never deleted: leaving and removal are states, kept with their
-- time and who did it (group_events), so the payer's and the member's history both hold.

create table line_groups (
  id uuid primary key,
  plan_code text not null references plans (code),
  payer_id uuid not null references customers (id),
  name text check (name is null or length(name) between 1 and 60),
  -- The Baku day the group was made: the shared data pool's periods run monthly from it.
  created_on date not null,
  created_at timestamptz not null
);
create index line_groups_payer on line_groups (payer_id, created_at);

create table group_members (
  group_id uuid not null references line_groups (id),
  -- No foreign key to lines: an invitation to a number Saxla does not serve is kept like any other
  -- (its code is a decoy), so the answer never tells the payer which numbers are Saxla's.
  msisdn text not null check (msisdn ~ '^\+994[0-9]{9}$'),
  status text not null check (status in ('invited', 'active', 'left')),
  invited_at timestamptz not null,
  joined_at timestamptz,
  left_at timestamptz,
  left_reason text check (left_reason in ('left', 'removed')),
  primary key (group_id, msisdn),
  check ((status = 'left') = (left_at is not null))
);
-- A number draws on one pool at most: it is active in one group at a time.
create unique index group_members_one_active on group_members (msisdn) where status = 'active';

-- What happened to each membership and who did it (the payer's or the member's account).
create table group_events (
  id bigint generated always as identity primary key,
  group_id uuid not null references line_groups (id),
  msisdn text not null,
  event text not null check (event in ('invited', 'joined', 'left', 'removed')),
  customer_id uuid references customers (id),
  at timestamptz not null
);
create index group_events_group on group_events (group_id, id);

-- The shared data pool: what each member drew from it in each period, in kilobytes. The pool's
-- use is the sum over members, so the statement can say who used what. Written by rate-usage.ts
-- in the usage batch's transaction, under the group's row lock.
create table group_pool_usage (
  group_id uuid not null references line_groups (id),
  period_start date not null,
  msisdn text not null,
  used bigint not null check (used >= 0),
  primary key (group_id, period_start, msisdn)
);

-- Codes for joining a group (sent to the member's number, bound to the payer's account) and for
-- adding a SIM to a multi-SIM number (sent to that number).
alter table one_time_codes drop constraint one_time_codes_purpose_check;
alter table one_time_codes add constraint one_time_codes_purpose_check
  check (purpose in ('register', 'reset', 'add_line', 'group_join', 'add_sim'));
