-- Auto-renew and auto top-up (issue 12): payment methods saved at a provider (a token only, never
-- card data), each line's standing order, and one row per run and period. The unique (msisdn,
-- period_key) is what makes two processes, or two passes, one charge.

create table saved_payment_methods (
  id uuid primary key,
  customer_id uuid not null references customers (id),
  provider text not null references payment_providers (code),
  -- The provider's handle of the setup the customer is sent to (SetupIntent's Checkout Session,
  -- PayPal setup token, sandbox setup page); the return from the provider names it.
  setup_reference text not null unique,
  status text not null check (status in ('pending', 'saved', 'failed', 'removed')),
  -- Stripe customer / PayPal customer, and the token to charge (payment method, vault id).
  provider_customer text,
  token text,
  -- What the customer recognises ("card •••• 4242"), as the provider reported it.
  label text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (status <> 'saved' or token is not null)
);
create index saved_payment_methods_customer on saved_payment_methods (customer_id, created_at desc);

create table auto_renew_settings (
  msisdn text primary key references lines (msisdn),
  -- Who set it: whose saved method pays, and whose session may change or cancel it.
  customer_id uuid not null references customers (id),
  mode text not null check (mode in ('renew', 'top_up')),
  plan_code text references plans (code),
  months smallint check (months between 1 and 24),
  days_before smallint check (days_before between 0 and 30),
  amount bigint check (amount > 0),
  below_balance bigint check (below_balance > 0),
  day_of_month smallint check (day_of_month between 1 and 31),
  monthly_cap bigint not null check (monthly_cap >= 0),
  source text not null check (source in ('balance', 'saved_method')),
  payment_method_id uuid references saved_payment_methods (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (mode <> 'renew' or (plan_code is not null and months is not null and days_before is not null)),
  check (mode <> 'top_up' or (amount is not null and (below_balance is not null) <> (day_of_month is not null))),
  check (source <> 'saved_method' or payment_method_id is not null)
);

create table auto_renew_runs (
  id bigint generated always as identity primary key,
  msisdn text not null references lines (msisdn),
  period_key text not null,
  -- The Baku month whose cap this run's money counts against (the month of its latest attempt).
  cap_month text not null check (cap_month ~ '^[0-9]{4}-[0-9]{2}$'),
  amount bigint not null check (amount > 0),
  source text not null check (source in ('balance', 'saved_method')),
  -- What the money buys ({"kind":"renew","planCode":…,"months":…} or {"kind":"top_up"}), so a charge
  -- left in flight is settled as it was meant even if the setting changed or was cancelled since.
  purchase jsonb not null,
  status text not null check (status in ('charging', 'charged', 'failed', 'skipped_cap')),
  attempts integer not null default 0,
  next_attempt_on date,
  failure text,
  payment_method_id uuid references saved_payment_methods (id),
  provider_payment_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (msisdn, period_key)
);
-- The cap's sum: what one line spent or holds in flight in one month.
create index auto_renew_runs_cap on auto_renew_runs (msisdn, cap_month) where status in ('charging', 'charged');

-- The sandbox provider's own book of saved test cards and off-session charges (what Stripe or
-- PayPal keep on their side). A charge is unique on its idempotency key, as at a real provider.
create table sandbox_saved_cards (
  id text primary key,
  status text not null check (status in ('open', 'saved', 'failed')),
  return_url text not null,
  card_last4 text,
  declines_off_session boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table sandbox_off_session_charges (
  idempotency_key text primary key,
  id text not null unique,
  card_id text not null references sandbox_saved_cards (id),
  amount bigint not null,
  currency text not null,
  status text not null check (status in ('succeeded', 'declined')),
  created_at timestamptz not null
);
