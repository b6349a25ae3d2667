-- Issue 9. Whoever holds a registration code chooses the password when proving it, so a pending
-- registration no longer waits with a password (an attacker's, possibly); only its language.
-- Failed logins, wrong codes and code requests are also counted per (address, number) pair, so one
-- client behind carrier NAT slows itself, not everyone at that address or the number's owner.
alter table one_time_codes drop constraint one_time_codes_check1;
alter table one_time_codes add constraint one_time_codes_register_language check (purpose <> 'register' or decoy or language is not null);
-- Pending registrations made before this change: their stored password was chosen at register,
-- possibly by someone without the SIM. It is never used again.
update one_time_codes set password_hash = null where password_hash is not null;

alter table auth_throttle_events drop constraint auth_throttle_events_scope_check;
alter table auth_throttle_events add constraint auth_throttle_events_scope_check check (scope in (
  'login_failure_account', 'login_failure_address', 'login_failure_pair',
  'code_failure_address', 'code_failure_pair', 'code_request_address', 'code_request_pair',
  'staff_login_failure_account', 'staff_login_failure_address'));
