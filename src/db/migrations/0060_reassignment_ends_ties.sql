-- A number given to a new holder (0059) takes none of the former holder's ties with it: their extra
-- SIMs on the number stop (else their watch would receive the new holder's codes), their family
-- group lets the number go, and their monthly budget for it is dropped. No person removes those
-- SIMs, so a removal may now name the reassignment instead of a staff member or customer.
alter table line_sims
  add column removed_reason text check (removed_reason in ('number_reassigned')),
  drop constraint line_sims_check2,
  add constraint line_sims_removed_by check (
    removed_at is null or removed_by_staff is not null or removed_by_customer is not null or removed_reason is not null);
