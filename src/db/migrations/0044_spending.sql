-- Issue 12, spending and anomaly alerts: each line's monthly budget, the anomalies found in what
-- it was charged (one row per anomaly, unique per line, so two processes store one), the
-- customer's "this wasn't me" on one of them, and where the watch job has looked up to.

create table line_budgets (
  msisdn text primary key references lines (msisdn),
  -- qəpik a Baku calendar month may spend before the 80 % SMS.
  monthly_budget bigint not null check (monthly_budget > 0),
  customer_id uuid not null references customers (id),
  updated_at timestamptz not null
);

create table spending_alerts (
  id bigint generated always as identity primary key,
  msisdn text not null references lines (msisdn),
  alert_key text not null,
  kind text not null check (kind in ('daily_spike', 'large_charge', 'first_international', 'first_premium', 'first_roaming')),
  day date not null,
  amount bigint not null check (amount >= 0),
  -- The baseline a spike was compared with, and the ledger entries or usage records that caused it.
  baseline jsonb,
  causes jsonb not null,
  more_causes integer not null default 0,
  created_at timestamptz not null,
  unique (msisdn, alert_key)
);
create index spending_alerts_line on spending_alerts (msisdn, id desc);

-- "This wasn't me": recorded once per alert; the support-case issue turns these into cases with
-- the alert's causes attached.
create table spending_disputes (
  id bigint generated always as identity primary key,
  alert_id bigint not null unique references spending_alerts (id),
  customer_id uuid not null references customers (id),
  created_at timestamptz not null
);

-- The watch job's window: ledger entries written after `checked_until` (less an overlap for
-- transactions that committed late) are looked at next. One row; a pass holds its lock.
create table spending_watch (
  id boolean primary key default true check (id),
  checked_until timestamptz not null
);

-- The watch job finds the lines touched since its last look by the time entries were written.
create index ledger_entries_created_at on ledger_entries (created_at);
