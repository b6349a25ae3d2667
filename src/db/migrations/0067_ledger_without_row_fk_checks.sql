-- Issue 12: a usage batch charges thousands of lines in one statement, and each ledger row's
-- foreign key is a trigger call and an index probe per row (measured: about a third of the ledger
-- write of a batch that charged 5,000 lines). Both keys are guaranteed by the only code that
-- writes the ledger (saveLineChange, saveLineChanges, insertProvisionedLines in line-repository.ts):
-- - ledger_entries.operation_id: every entry is inserted in the same statement as its operation
--   and the operation's key row, from that insert's RETURNING rows; operations and their keys are
--   append-only (triggers refuse update and delete), so the operation an entry names always exists.
-- - ledger_operations.msisdn: every operation is written for a line read under its row lock in the
--   same transaction (or inserted by that very statement at provisioning), and lines are never
--   deleted; the trigger below makes that a rule of the database rather than a habit of the code.
-- After 0061 (the ledger partitioned by month), whose constraints these are.
alter table ledger_entries drop constraint ledger_entries_operation_fkey;
alter table ledger_operations drop constraint ledger_operations_msisdn_fkey;

-- A number is recycled, never removed: its ledger must keep its line. Fires on delete only, so the
-- update every operation makes costs nothing more.
create function saxla_refuse_line_delete() returns trigger language plpgsql as $$
begin
  raise exception 'a line is never deleted (its number is recycled): %', old.msisdn using errcode = '55000';
end $$;
create trigger lines_never_deleted before delete on lines
  for each row execute function saxla_refuse_line_delete();
