-- Issue 12, usage and packs. The operator's mediation sends usage records in batches; each is
-- rated against the line's packs once, whatever the operator resends.

-- Usage kinds as a lookup table, filled from src/domain/vocabularies.ts after the migrations
-- (db/vocabulary-tables.ts).
create table usage_kinds (code text primary key);

-- The claim on a sourceId: a batch inserts its ids here first (on conflict do nothing), so of two
-- batches carrying one record, exactly one rates it, even at the same moment. Kept apart from
-- usage_records so that table can become partitioned by occurred_at without a unique key that
-- would have to include the partition key.
create table usage_sources (
  source_id text primary key,
  received_at timestamptz not null
);

-- Rated records: append-only, no primary key or foreign key to lines (partition-friendly: a range
-- partition on occurred_at with this index per partition changes no query). ledger_key is the
-- idempotency key of the ledger operation that charged the line's overage for this batch (null
-- when the record cost nothing): statements add up because the entry's amount is the sum of the
-- `charged` of its records.
create table usage_records (
  source_id text not null,
  msisdn text not null,
  kind text not null references usage_kinds (code),
  quantity bigint not null check (quantity >= 0),
  occurred_at timestamptz not null,
  destination text,
  -- The pack period it counted in; null when it happened after the plan's paid end (no pack).
  period_start date,
  billable bigint not null check (billable >= quantity),
  from_pack bigint not null check (from_pack >= 0 and from_pack <= billable),
  cost bigint not null check (cost >= 0),
  charged bigint not null check (charged >= 0 and charged <= cost),
  ledger_key text,
  received_at timestamptz not null
);
create index usage_records_msisdn_time on usage_records (msisdn, occurred_at);

-- What each pack has used in each period (everything of the kind, past the pack too), updated in
-- the batch's transaction under the line's row lock.
create table usage_packs (
  msisdn text not null references lines (msisdn),
  period_start date not null,
  kind text not null references usage_kinds (code),
  used bigint not null check (used >= 0),
  primary key (msisdn, period_start, kind)
);

-- Packs renew on the day the plan was paid up to: the validity end of the line's latest plan
-- charge or, for a line never renewed in Saxla, its provisioned end. This finds that entry without
-- reading a line's whole history.
create index ledger_entries_pack_anchor on ledger_entries (msisdn, id) where kind in ('plan_charge', 'opening_balance');
