-- A plan that takes over a line on a later day: renewing with another plan while the paid one
-- runs (policy rule planChange = at_paid_end) keeps the paid plan to its end and starts the new
-- one the day after. One row per line, the latest choice; written with the renewal's ledger
-- operation (saveLineChange), applied by the sweep on its day.
create table scheduled_plans (
  msisdn text primary key references lines (msisdn),
  plan_code text not null,
  starts_on date not null,
  updated_at timestamptz not null
);
create index scheduled_plans_due on scheduled_plans (starts_on);
