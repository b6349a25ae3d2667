-- Offline renewal: stores, appointments, staff and their sessions, ID checks, receipts and the
-- staff audit log. Written for PostgreSQL 15 and runs unchanged on PGlite.

create table stores (
  id text primary key check (id ~ '^[a-z0-9-]{2,40}$'),
  -- Short code printed in receipt numbers ("BAK1-000042-…").
  code text not null unique check (code ~ '^[A-Z0-9]{2,6}$'),
  -- {"az": ..., "en": ..., "ru": ...}
  names jsonb not null,
  addresses jsonb not null,
  city text not null,
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  -- {"mon": [["09:00", "13:00"], ["14:00", "19:00"]], ...}; a missing day is closed. Local Baku time.
  hours jsonb not null,
  holidays date[] not null default '{}',
  counters smallint not null check (counters between 1 and 50),
  slot_minutes smallint not null default 30 check (slot_minutes in (10, 15, 20, 30, 60)),
  services text[] not null default '{}',
  phone text,
  demo boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

-- One row per booked place: a slot of a store has `counters` places, numbered 1..counters, and the
-- unique index makes a second booking of the same place impossible. Booking inserts the first free
-- number with `on conflict do nothing` and retries with the next, so two customers racing for the
-- last place cannot both get it (never check-then-insert).
create table appointments (
  id text primary key,
  store_id text not null references stores (id),
  customer_id uuid references customers (id),
  -- The number the reminder goes to (the customer's login line), and in which language.
  msisdn text check (msisdn ~ '^\+994[0-9]{9}$'),
  language text not null check (language in ('az', 'en', 'ru', 'zh')),
  slot_start timestamptz not null,
  counter_no smallint not null check (counter_no >= 1),
  purpose text not null check (purpose in ('renewal', 'restore', 'new_line', 'other')),
  status text not null check (status in ('booked', 'cancelled', 'attended')),
  -- Set on the cancelled row when the customer moved the visit: the id of the new appointment.
  rescheduled_to text,
  demo boolean not null default false,
  created_at timestamptz not null,
  cancelled_at timestamptz,
  attended_at timestamptz,
  check ((status = 'cancelled') = (cancelled_at is not null))
);
create unique index appointments_place on appointments (store_id, slot_start, counter_no) where status <> 'cancelled';
-- One customer never holds two places in the same slot.
create unique index appointments_customer_slot on appointments (customer_id, slot_start) where status <> 'cancelled';
create index appointments_customer_upcoming on appointments (customer_id, slot_start) where status = 'booked';
create index appointments_day on appointments (slot_start) where status = 'booked';

create table staff (
  id text primary key,
  role text not null check (role in ('agent', 'manager', 'admin')),
  -- Agents and managers belong to one store; an operator admin to none (all).
  store_id text references stores (id),
  phone text not null unique check (phone ~ '^\+994[0-9]{9}$'),
  -- argon2id with explicit parameters (see password-hashing.ts).
  password_hash text not null,
  must_change_password boolean not null default true,
  -- AES-256-GCM under a key derived from SAXLA_SECRET (HKDF, purpose "staff-totp"); never in clear.
  totp_secret_enc text not null,
  totp_enrolled_at timestamptz,
  -- The last TOTP time step accepted: a code is good once (RFC 6238 §5.2).
  totp_last_step bigint,
  active boolean not null default true,
  created_at timestamptz not null,
  check (role = 'admin' or store_id is not null)
);

-- Staff sessions, apart from customers' (another cookie, another table). A session is 'pending'
-- after the password alone and 'full' only after a TOTP code; idle and absolute limits apply.
create table staff_sessions (
  id bigint generated always as identity primary key,
  token_hash text not null unique,
  staff_id text not null references staff (id),
  stage text not null check (stage in ('pending', 'full')),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz
);
create index staff_sessions_live on staff_sessions (staff_id) where revoked_at is null;

-- The ID document seen at the counter and the SIM's ICCID compared with the line's. The document
-- number is kept only as an HMAC (keyed from SAXLA_SECRET) plus its last 4 characters.
create table id_checks (
  id bigint generated always as identity primary key,
  store_id text not null references stores (id),
  staff_id text not null references staff (id),
  msisdn text not null references lines (msisdn),
  document_type text not null check (document_type in ('passport', 'id_card', 'residence_permit', 'driving_licence')),
  issuing_country text not null check (issuing_country ~ '^[A-Z]{3}$'),
  document_hash text not null check (document_hash ~ '^[0-9a-f]{64}$'),
  document_last4 text not null check (document_last4 ~ '^[A-Z0-9]{1,4}$'),
  document_expires date not null,
  iccid_entered text not null,
  iccid_matches boolean not null,
  checked_at timestamptz not null
);
create index id_checks_line on id_checks (msisdn, checked_at);

-- The counter's side of an order: which store, agent and ID check stand behind it.
create table counter_sales (
  order_id text primary key references orders (id),
  store_id text not null references stores (id),
  staff_id text not null references staff (id),
  id_check_id bigint not null references id_checks (id),
  msisdn text not null references lines (msisdn),
  kind text not null check (kind in ('renewal', 'restore')),
  language text not null check (language in ('az', 'en', 'ru', 'zh')),
  created_at timestamptz not null
);
create index counter_sales_store on counter_sales (store_id, created_at);

-- Counter sales are paid at a POS terminal or by a bank app scanning a QR code.
alter table orders drop constraint if exists orders_provider_check;
alter table orders add constraint orders_provider_check check (provider in ('sandbox', 'stripe', 'paypal', 'pos', 'qr'));

-- Receipt numbers run 1, 2, 3… per store without gaps: the next number is taken by updating this
-- row, whose lock makes concurrent sales at one store wait for each other (and a rolled-back sale
-- gives its number back).
create table store_receipt_sequences (
  store_id text primary key references stores (id),
  last_seq bigint not null check (last_seq >= 0)
);

create table receipts (
  -- "<store code>-<seq, 6 digits>-<4-character check>": the check (an HMAC of the number) makes
  -- the public verify URL useless for walking through receipts by counting.
  number text primary key,
  store_id text not null references stores (id),
  seq bigint not null check (seq >= 1),
  order_id text not null unique references orders (id),
  staff_id text not null references staff (id),
  msisdn text not null,
  payment_method text not null check (payment_method in ('pos', 'qr')),
  payment_reference text not null,
  amount bigint not null check (amount >= 0),
  currency text not null check (currency = 'AZN'),
  -- The itemised quote as sold: plan, months, discounts, restore fee.
  items jsonb not null,
  valid_until_after date not null,
  language text not null check (language in ('az', 'en', 'ru', 'zh')),
  issued_at timestamptz not null,
  voided_at timestamptz,
  voided_by text references staff (id),
  void_reason text,
  unique (store_id, seq),
  check ((voided_at is null) = (voided_by is null))
);
create index receipts_store_day on receipts (store_id, issued_at);

-- Every staff action: who, when, which line, what, from where. Append-only.
create table staff_audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  staff_id text,
  store_id text,
  msisdn text,
  action text not null,
  detail jsonb not null default '{}',
  ip text,
  user_agent text
);
create index staff_audit_log_store on staff_audit_log (store_id, id);
create trigger staff_audit_log_append_only before update or delete on staff_audit_log
  for each row execute function saxla_refuse_change();
create trigger staff_audit_log_no_truncate before truncate on staff_audit_log
  for each statement execute function saxla_refuse_change();
