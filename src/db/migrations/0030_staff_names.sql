-- What colleagues call a staff member: the shift report, the audit log and the team page show it
-- instead of an id. Accounts made before this have none and are shown by their phone number.
alter table staff add column name text check (name is null or char_length(btrim(name)) between 1 and 80);
