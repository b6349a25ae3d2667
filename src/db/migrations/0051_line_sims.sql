-- Issue 13, multi-SIM: more SIMs on one number (a tablet, a watch), up to the plan's count with the
-- main SIM (lines.iccid) included. Rows are never deleted: a removal is kept with its time and who
-- made it, which is the audit trail the customer and the operator read.
create table line_sims (
  id uuid primary key,
  msisdn text not null references lines (msisdn),
  iccid text not null check (iccid ~ '^89[0-9]{17,18}$'),
  channel text not null check (channel in ('counter', 'online')),
  -- The staff account at the counter (after an ID check) or the customer's account online.
  added_by_staff text references staff (id),
  added_by_customer uuid references customers (id),
  added_at timestamptz not null,
  removed_at timestamptz,
  removed_by_staff text references staff (id),
  removed_by_customer uuid references customers (id),
  check ((channel = 'counter') = (added_by_staff is not null)),
  check ((channel = 'online') = (added_by_customer is not null)),
  check (removed_at is null or removed_by_staff is not null or removed_by_customer is not null)
);
-- A SIM serves one number at a time.
create unique index line_sims_live_iccid on line_sims (iccid) where removed_at is null;
create index line_sims_msisdn on line_sims (msisdn) where removed_at is null;

-- An online request to add a SIM, waiting for the code sent to the number: the ICCID is taken from
-- here when the code comes back, so the code confirms exactly the SIM its SMS named (last digits).
create table line_sim_requests (
  id bigint generated always as identity primary key,
  msisdn text not null references lines (msisdn),
  customer_id uuid not null references customers (id),
  iccid text not null check (iccid ~ '^89[0-9]{17,18}$'),
  created_at timestamptz not null
);
create index line_sim_requests_latest on line_sim_requests (msisdn, customer_id, created_at desc);
