-- Each ledger entry's facts as data (plan code, months, the payment's provider:id, what a refund
-- takes back), so statements describe entries in the customer's language instead of showing the
-- English note in `description`. Null for entries written before this migration: statements read
-- those notes' fixed patterns instead. Adding a nullable column rewrites no row, so the
-- append-only trigger (on update and delete) is not involved.
alter table ledger_entries add column details jsonb;
