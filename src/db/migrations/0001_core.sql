-- Saxla core: operator policy, catalog, lines and the ledger.
-- Written for PostgreSQL 15 (the servers) and runs unchanged on PGlite.

create table validity_policies (
  version text primary key,
  document jsonb not null,
  created_at timestamptz not null default now()
);

create table plans (
  code text primary key check (code ~ '^[A-Z0-9_]{2,40}$'),
  kind text not null check (kind in ('keep_number', 'data', 'voice', 'international', 'roaming', 'foreign_user', 'family', 'multi_sim')),
  monthly_price bigint not null check (monthly_price >= 0),
  durations smallint[] not null check (cardinality(durations) > 0),
  allowances jsonb not null default '{}',
  -- {"az": {"name": ..., "description": ...}, "en": ..., "ru": ..., "zh": ...}
  texts jsonb not null,
  sort_order integer not null default 0,
  active boolean not null default true
);

create table lines (
  msisdn text primary key check (msisdn ~ '^\+994[0-9]{9}$'),
  iccid text not null unique check (iccid ~ '^89[0-9]{17,18}$'),
  status text not null check (status in ('active', 'one_way', 'suspended', 'quarantine', 'recyclable')),
  balance bigint not null,
  valid_until date not null,
  plan_code text references plans (code),
  language text not null check (language in ('az', 'en', 'ru', 'zh')),
  status_changed_at timestamptz not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
) with (fillfactor = 85);
-- No index on status or valid_until on purpose: every top-up and renewal changes them, and an
-- index there would turn each of those updates from a HOT update into index maintenance. The
-- sweep scans in batches instead (a million lines scan in well under a second).

-- One row per operation that changed a line (top-up, renewal, refund...). The idempotency key is
-- the cause (an order's payment, an operator's Idempotency-Key, a USSD session): applying it
-- twice finds this row and returns its result instead of changing anything.
create table ledger_operations (
  id bigint generated always as identity primary key,
  msisdn text not null references lines (msisdn),
  idempotency_key text not null unique,
  request_hash text not null,
  kind text not null,
  reference text,
  policy_version text,
  result jsonb not null,
  created_at timestamptz not null
);

create table ledger_entries (
  id bigint generated always as identity primary key,
  operation_id bigint not null references ledger_operations (id),
  -- Denormalised from the operation (which references the line) so statements read one index.
  msisdn text not null,
  kind text not null check (kind in ('opening_balance', 'top_up', 'payment', 'plan_charge', 'restore_fee', 'usage', 'refund', 'adjustment')),
  amount bigint not null,
  valid_until_before date not null,
  valid_until_after date not null,
  description text not null,
  created_at timestamptz not null
);
create index ledger_entries_msisdn on ledger_entries (msisdn, id);

-- The ledger is append-only: corrections are new entries, never edits.
create function saxla_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = '55000';
end $$;
create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row execute function saxla_refuse_change();
create trigger ledger_operations_append_only before update or delete on ledger_operations
  for each row execute function saxla_refuse_change();

-- Each stage change of a line, written by the sweep or by the operation that caused it.
-- Reminders and notices (SMS) and session revocation follow from these rows.
create table lifecycle_events (
  id bigint generated always as identity primary key,
  msisdn text not null references lines (msisdn),
  from_status text not null,
  to_status text not null,
  valid_until date not null,
  cause text not null,
  occurred_at timestamptz not null
);
create index lifecycle_events_msisdn on lifecycle_events (msisdn, id);

-- Stored responses for Idempotency-Key on HTTP POSTs (kept ≥ 24 h).
create table idempotency_records (
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null,
  primary key (scope, key)
);
