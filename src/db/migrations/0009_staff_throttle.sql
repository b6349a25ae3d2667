-- Failed staff sign-ins are throttled with the customers' sliding-window counters, under scopes of
-- their own: a staff phone may also be a customer's number, and the limits differ.
alter table auth_throttle_events drop constraint auth_throttle_events_scope_check;
alter table auth_throttle_events add constraint auth_throttle_events_scope_check check (scope in (
  'login_failure_account', 'login_failure_address', 'code_failure_address', 'code_request_address',
  'staff_login_failure_account', 'staff_login_failure_address'));
