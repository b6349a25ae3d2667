-- USSD sessions (*101#): the menu state of each gateway session, kept in the database so that any
-- Saxla process behind the gateway can answer the next step. A session lives 180 s; expired rows
-- are removed lazily by the next session that starts, so no timer is needed.
create unlogged table ussd_sessions (
  session_id text primary key check (length(session_id) between 1 and 128),
  msisdn text not null check (msisdn ~ '^\+994[0-9]{9}$'),
  -- The gateway's `text` this state answers (inputs so far joined by '*'): a retried request with
  -- the same text is answered from here, and a text that does not extend it is refused.
  inputs text not null default '',
  state jsonb not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
-- For the lazy clean-up, which looks only at rows already past their end.
create index ussd_sessions_expires_at on ussd_sessions (expires_at);
