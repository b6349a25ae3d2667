-- The tables that grow with every line and every day (the ledger, the SMS outbox, rated usage)
-- become range-partitioned by Baku calendar month, so a month is one table: old months of the
-- outbox and of usage are dropped whole (detach + drop, no vacuum debt) and the indexes that
-- every write touches are those of this month only. Native partitioning, created by Saxla itself
-- (saxla_ensure_month_partitions, called here and by the partition job), because pg_partman is
-- not in PGlite and the embedded database must keep the same schema.
--
-- A partitioned table's unique index must contain its partition key, so a key that must be unique
-- for ever (a ledger operation's idempotency key, an SMS's dedupe key) lives in a small table of
-- its own, written in the same statement as the row it guards: ledger_operation_keys and
-- sms_outbox_keys. A second writer of one key waits on that table's primary key and then
-- conflicts (the ledger: a unique violation, retried and replayed) or does nothing (the outbox),
-- exactly as the old unique columns did. usage_records already works that way (usage_sources).
--
-- Each table gets a DEFAULT partition so that a row dated outside every month created (a clock
-- far ahead, a job that has not run) is still written; the job moves such rows into their own
-- month later (saxla_ensure_month_partitions re-homes the default).

-- The first instant of a Baku calendar month (Azerbaijan keeps +04 all year; the zone says so).
create function saxla_month_start(month date) returns timestamptz language sql immutable as $$
  select (date_trunc('month', month)::timestamp) at time zone 'Asia/Baku'
$$;

-- One month's partition of a table partitioned by saxla_partition_table: <table>_pYYYYMM.
create function saxla_create_month_partition(parent text, month date) returns boolean language plpgsql as $$
declare
  name text := parent || '_p' || to_char(month, 'YYYYMM');
begin
  if to_regclass(name) is not null then return false; end if;
  execute format('create table %I partition of %I for values from (%L) to (%L)',
    name, parent, saxla_month_start(month), saxla_month_start((date_trunc('month', month) + interval '1 month')::date));
  return true;
end $$;

-- Makes the months [first, last] exist and moves any rows the default partition holds into
-- their own months. Detaching the default takes the parent's exclusive lock for the moment it
-- runs, so a concurrent insert waits instead of failing. Returns how many partitions it created.
create function saxla_ensure_month_partitions(parent text, key text, first date, last date) returns integer language plpgsql as $$
declare
  dflt text := parent || '_default';
  created integer := 0;
  m date;
  strays boolean;
begin
  execute format('select exists (select 1 from %I)', dflt) into strays;
  if strays then
    execute format('alter table %I detach partition %I', parent, dflt);
    for m in execute format('select distinct date_trunc(''month'', %I at time zone ''Asia/Baku'')::date from %I', key, dflt) loop
      if saxla_create_month_partition(parent, m) then created := created + 1; end if;
    end loop;
  end if;
  for m in select generate_series(date_trunc('month', first), date_trunc('month', last), interval '1 month')::date loop
    if saxla_create_month_partition(parent, m) then created := created + 1; end if;
  end loop;
  if strays then
    -- Every stray row now has a month of its own; through the parent, each lands in it. The
    -- detached default has no row triggers (they belong to the parent), and truncate fires none.
    execute format('insert into %I overriding system value select * from %I', parent, dflt);
    execute format('truncate %I', dflt);
    execute format('alter table %I attach partition %I default', parent, dflt);
  end if;
  return created;
end $$;

-- Rebuilds one existing table as a partitioned one under the same name, partitioned on `key`:
-- same columns, defaults, checks, identity, indexes (except unique ones) and foreign keys, so it
-- keeps whatever other migrations added to it, whatever order they were applied in (foreign keys
-- from other tables into it are dropped: see below). The rows are
-- copied month by month into partitions made beforehand (from the oldest row's month to three
-- months ahead); the old table is dropped.
create function saxla_partition_table(tbl text, key text) returns void language plpgsql as $$
declare
  old text := tbl || '_unpartitioned';
  defs text[];
  fks text[];
  def text;
  oldest timestamptz;
  has_identity boolean;
begin
  execute format('alter table %I rename to %I', tbl, old);
  select array_agg(pg_get_indexdef(i.indexrelid)) into defs
    from pg_index i where i.indrelid = old::regclass and not i.indisunique;
  select array_agg(format('alter table %I add constraint %I %s', tbl, c.conname, pg_get_constraintdef(c.oid))) into fks
    from pg_constraint c where c.conrelid = old::regclass and c.contype = 'f';
  execute format('create table %I (like %I including defaults including constraints including identity including generated) partition by range (%I)', tbl, old, key);
  execute format('create table %I partition of %I default', tbl || '_default', tbl);
  execute format('select min(%I) from %I', key, old) into oldest;
  perform saxla_ensure_month_partitions(tbl, key,
    coalesce((oldest at time zone 'Asia/Baku')::date, current_date), (now() at time zone 'Asia/Baku' + interval '3 months')::date);
  execute format('insert into %I overriding system value select * from %I', tbl, old);
  select exists (select 1 from pg_attribute where attrelid = tbl::regclass and attidentity <> '' and not attisdropped) into has_identity;
  if has_identity then
    execute format('select setval(pg_get_serial_sequence(%L, ''id''), coalesce((select max(id) from %I), 0) + 1, false)', tbl, tbl);
  end if;
  -- A foreign key from elsewhere into this table (support_case_entries.entry_id) cannot follow:
  -- it would need a unique index on id alone, which a partitioned table cannot have. Such rows
  -- are checked by the code that writes them (entriesOnLines), and the ledger is never dropped
  -- below its legal period, so what they name stays.
  for def in select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname)
               from pg_constraint c where c.confrelid = old::regclass and c.contype = 'f' and c.conrelid <> old::regclass loop
    raise notice '0061: %', def;
    execute def;
  end loop;
  execute format('drop table %I', old);
  foreach def in array coalesce(defs, '{}') loop
    execute replace(def, ' ON public.' || old || ' ', ' ON public.' || tbl || ' ');
  end loop;
  foreach def in array coalesce(fks, '{}') loop
    execute def;
  end loop;
end $$;

-- The entries' link to their operation moves to ledger_operation_keys (below), which holds one
-- row per operation and is not partitioned: a foreign key into a partitioned table would stop
-- the upkeep from ever detaching a month of operations (even to move the default's rows).
alter table ledger_entries drop constraint ledger_entries_operation_id_fkey;

select saxla_partition_table('ledger_operations', 'created_at');
select saxla_partition_table('ledger_entries', 'created_at');
select saxla_partition_table('sms_outbox', 'created_at');
select saxla_partition_table('usage_records', 'occurred_at');

alter table ledger_operations add primary key (id, created_at);
alter table ledger_entries add primary key (id, created_at);
alter table sms_outbox add primary key (id, created_at);

-- Still append-only: the row triggers on the parent apply to every partition, present and future.
create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row execute function saxla_refuse_change();
create trigger ledger_operations_append_only before update or delete on ledger_operations
  for each row execute function saxla_refuse_change();

-- One row per operation ever booked: its key, and where the operation is (id and month).
create table ledger_operation_keys (
  idempotency_key text not null,
  operation_id bigint not null,
  created_at timestamptz not null,
  constraint ledger_operation_keys_pkey primary key (idempotency_key),
  constraint ledger_operation_keys_operation unique (operation_id)
);
insert into ledger_operation_keys (idempotency_key, operation_id, created_at)
  select idempotency_key, id, created_at from ledger_operations;
alter table ledger_entries add constraint ledger_entries_operation_fkey
  foreign key (operation_id) references ledger_operation_keys (operation_id);
create trigger ledger_operation_keys_append_only before update or delete on ledger_operation_keys
  for each row execute function saxla_refuse_change();

-- One row per deduplicated SMS; kept as long as the outbox keeps the month it was written in
-- (the retention job deletes the keys of the months it drops).
create table sms_outbox_keys (
  dedupe_key text primary key,
  created_at timestamptz not null
);
insert into sms_outbox_keys (dedupe_key, created_at)
  select dedupe_key, created_at from sms_outbox where dedupe_key is not null;
create index sms_outbox_keys_age on sms_outbox_keys (created_at);
-- The outbox is still read by its keys (which reminders a line had): what the unique index did for
-- reads, a plain one per month does now, at the same cost per write.
create index sms_outbox_dedupe on sms_outbox (dedupe_key);

-- Fresh tables have no statistics until autovacuum's first look: without them the planner
-- scans whole months for a key lookup. (PGlite's autovacuum never runs, so this matters there too.)
analyze ledger_operations, ledger_entries, sms_outbox, usage_records, ledger_operation_keys, sms_outbox_keys;
