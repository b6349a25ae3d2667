-- Issue 12: usage batches write 10,000 rows at a time, and a foreign key costs a trigger call per
-- row (measured: a third of a batch's database time). The bulk usage tables keep none. Their
-- rows are written only by rate-usage.ts, inside the batch's transaction, which holds the row
-- lock of every line it names, and the kind is one of the vocabulary's, checked at the edge
-- (usage-records.ts); so the lookup table of kinds, which nothing else refers to, goes too.
alter table usage_records drop constraint usage_records_kind_fkey;
alter table usage_packs drop constraint usage_packs_msisdn_fkey, drop constraint usage_packs_kind_fkey;
drop table usage_kinds;
