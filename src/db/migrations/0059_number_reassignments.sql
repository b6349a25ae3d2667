-- The reassigned-number check (issue 13). A number that passed quarantine and went to a new
-- holder leaves one row here, written in the transaction that gave it away; banks and other
-- services ask, with an API key, whether a number changed hands since a day.

create table number_reassignments (
  id bigint generated always as identity primary key,
  msisdn text not null references lines (msisdn),
  reassigned_at timestamptz not null,
  -- What gave the number away: 'reprovision' (the operator provisioned a recyclable number with a new SIM).
  cause text not null,
  -- The ICCIDs before and after, for the operator's own records; never answered to a caller.
  old_iccid text not null,
  new_iccid text not null,
  check (old_iccid <> new_iccid)
);
create index number_reassignments_msisdn_at on number_reassignments (msisdn, reassigned_at);

-- Keys for outside services: only a SHA-256 of the key is kept (the key is 256 random bits, so a
-- slow hash would add nothing); the first characters stay readable so an operator can tell keys apart.
create table api_keys (
  id uuid primary key,
  name text not null check (length(name) between 1 and 80),
  key_hash bytea not null unique,
  key_prefix text not null,
  created_at timestamptz not null,
  -- null when the key came from `saxla create-api-key`.
  created_by text references staff (id),
  revoked_at timestamptz,
  revoked_by text references staff (id)
);
create unique index api_keys_live_name on api_keys (lower(name)) where revoked_at is null;

-- Every call made with a valid key: which key, an HMAC of the number asked about (never the
-- number), the answer (null when the call was refused), when.
create table api_key_calls (
  id bigint generated always as identity primary key,
  key_id uuid not null references api_keys (id),
  msisdn_hash text not null,
  outcome text not null check (outcome in ('answered', 'invalid', 'rate_limited')),
  answer boolean,
  at timestamptz not null,
  check ((outcome = 'answered') = (answer is not null))
);
create index api_key_calls_key_at on api_key_calls (key_id, at);
