-- Issue 9, lock-out as a weapon. Wrong guesses at a one-time code are counted per (code, address)
-- pair, no longer on the code itself, so a stranger's guesses never use up the owner's code; a
-- per-number ceiling of wrong guesses from all addresses keeps guessing hopeless.
alter table auth_throttle_events drop constraint auth_throttle_events_scope_check;
alter table auth_throttle_events add constraint auth_throttle_events_scope_check check (scope in (
  'login_failure_account', 'login_failure_address', 'login_failure_pair',
  'code_failure_address', 'code_failure_pair', 'code_failure_code_pair', 'code_failure_number',
  'code_request_address', 'code_request_pair',
  'staff_login_failure_account', 'staff_login_failure_address'));
-- one_time_codes.attempts (the old per-code count) is no longer written or read.
