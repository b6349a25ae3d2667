-- SMS outbox: every message Saxla sends is written here in the same transaction as the change
-- that caused it, then sent by the worker. The check code lets a customer verify a message.
create table sms_outbox (
  id bigint generated always as identity primary key,
  msisdn text not null check (msisdn ~ '^\+994[0-9]{9}$'),
  kind text not null,
  language text not null check (language in ('az', 'en', 'ru', 'zh')),
  body text not null,
  check_code text not null check (check_code ~ '^[A-HJ-NP-Z2-9]{6}$'),
  -- What makes this message unique (a reminder milestone, an order's confirmation): written twice, kept once.
  dedupe_key text unique,
  -- One-time codes and payment confirmations go at once; reminders wait out quiet hours.
  not_before timestamptz not null,
  status text not null default 'queued' check (status in ('queued', 'submitting', 'submitted', 'delivered', 'failed', 'undeliverable', 'expired')),
  attempts integer not null default 0,
  last_error text,
  smsc_message_ids text[] not null default '{}',
  segments integer,
  created_at timestamptz not null,
  submitted_at timestamptz,
  done_at timestamptz
);
create index sms_outbox_due on sms_outbox (not_before, id) where status = 'queued';
create index sms_outbox_msisdn on sms_outbox (msisdn, check_code);
create index sms_outbox_smsc_ids on sms_outbox using gin (smsc_message_ids);
