-- Customer accounts for the online channel. No secret is stored in clear: passwords as argon2id,
-- one-time codes and session tokens as HMACs under SAXLA_SECRET. Everything that limits attempts
-- lives here too, so several Saxla processes behind a load balancer see the same counts.

create table customers (
  id uuid primary key default gen_random_uuid(),
  password_hash text not null,
  language text not null check (language in ('az', 'en', 'ru', 'zh')),
  created_at timestamptz not null,
  password_changed_at timestamptz not null
);

-- Lines an account has proven by a code sent to that line. The number an account registered with
-- is its login (one live login per number); other lines (family, a second SIM) are linked the
-- same way, and one line may be linked to several accounts, each having proven it.
create table customer_lines (
  id bigint generated always as identity primary key,
  customer_id uuid not null references customers (id),
  msisdn text not null references lines (msisdn),
  is_login boolean not null,
  verified_at timestamptz not null,
  -- Set when the number is reassigned: the link and its history stay with the old account, and
  -- the new owner, who registers afresh, sees nothing from before their own verified_at.
  detached_at timestamptz,
  check (detached_at is null or detached_at >= verified_at)
);
create unique index customer_lines_live on customer_lines (customer_id, msisdn) where detached_at is null;
create unique index customer_lines_live_login on customer_lines (msisdn) where is_login and detached_at is null;
create index customer_lines_live_msisdn on customer_lines (msisdn) where detached_at is null;

-- One-time codes sent by SMS. A new code for the same purpose and number retires the older one.
create table one_time_codes (
  id bigint generated always as identity primary key,
  purpose text not null check (purpose in ('register', 'reset', 'add_line')),
  msisdn text not null check (msisdn ~ '^\+994[0-9]{9}$'),
  -- The account asking to link a line (add_line): only it can use the code.
  customer_id uuid references customers (id),
  code_hash text not null,
  -- Registration: the account exists only once the code is proven, so its password (already
  -- argon2id) and language wait here.
  password_hash text,
  language text check (language in ('az', 'en', 'ru', 'zh')),
  -- For a number that may not have the code (not a Saxla line, already registered...): nothing is
  -- sent and it never matches, but answers, attempts and limits behave as for a real code, so
  -- nobody learns which numbers have accounts.
  decoy boolean not null,
  attempts smallint not null default 0 check (attempts between 0 and 5),
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null,
  check (expires_at > created_at and expires_at <= created_at + interval '10 minutes'),
  check (purpose <> 'register' or decoy or (password_hash is not null and language is not null)),
  check (purpose <> 'add_line' or customer_id is not null)
);
create index one_time_codes_number on one_time_codes (msisdn, purpose, created_at);
-- The resend limits count codes per number whatever their purpose.
create index one_time_codes_recent on one_time_codes (msisdn, created_at);

create table customer_sessions (
  id bigint generated always as identity primary key,
  token_hash text not null unique,
  customer_id uuid not null references customers (id),
  created_at timestamptz not null,
  -- Touched at most once a minute; idle and absolute limits are applied when the session is read.
  last_seen_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text check (revoked_reason in ('logout', 'rotated', 'password_reset', 'line_quarantine', 'line_detached')),
  check ((revoked_at is null) = (revoked_reason is null))
);
create index customer_sessions_live on customer_sessions (customer_id) where revoked_at is null;

-- Throttling as a sliding window: one row per counted event (a failed login, a wrong code, a code
-- requested from an address). Subjects are a number or an HMAC of an address, never an address.
create table auth_throttle_events (
  id bigint generated always as identity primary key,
  scope text not null check (scope in ('login_failure_account', 'login_failure_address', 'code_failure_address', 'code_request_address')),
  subject text not null,
  occurred_at timestamptz not null
);
create index auth_throttle_events_key on auth_throttle_events (scope, subject, occurred_at);
create index auth_throttle_events_age on auth_throttle_events (occurred_at);
