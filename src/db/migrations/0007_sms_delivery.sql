-- Sending the outbox: claims with a lease so several Saxla processes share the work and a crashed
-- one's messages are found again; delivery receipts per part; alerts an operator can query; the
-- counters behind the public "is this SMS ours?" check.

-- A worker owns a 'submitting' row until lease_until; it renews the lease while the SMSC has the
-- message, so only a dead worker's rows ever pass it.
alter table sms_outbox
  add column lease_owner text,
  add column lease_until timestamptz,
  -- Receipt status per SMSC message id ({"00000A": "DELIVRD"}): a long text is several parts.
  add column part_receipts jsonb not null default '{}',
  add constraint sms_outbox_lease check ((status = 'submitting') = (lease_until is not null));
create index sms_outbox_leases on sms_outbox (lease_until) where status = 'submitting';

-- A receipt can overtake the write of its message's ids (the SMSC answers the submit, then the
-- receipt, before our update commits). It waits here and is applied when the ids are written.
-- The receipt's text (which may hold the start of a one-time code) is never stored.
create table sms_unmatched_receipts (
  message_id text primary key,
  stat text not null,
  error text not null,
  received_at timestamptz not null
);
create index sms_unmatched_receipts_age on sms_unmatched_receipts (received_at);

-- What needs a person: a message that could not be sent after every retry, and so on.
create table operator_alerts (
  id bigint generated always as identity primary key,
  kind text not null,
  subject text not null,
  detail jsonb not null,
  created_at timestamptz not null,
  resolved_at timestamptz
);
create index operator_alerts_open on operator_alerts (created_at) where resolved_at is null;

-- Fixed-window counters for the message check (one row per subject and window, incremented in
-- place): an address behind carrier NAT and a number are limited separately.
create table message_check_counters (
  subject text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (subject, window_start)
);
create index message_check_counters_age on message_check_counters (window_start);
