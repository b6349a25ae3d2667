-- Online renewal: promotions, quotes, orders, payments, the webhook inbox and the sandbox
-- provider's own book. Written for PostgreSQL 15 and runs unchanged on PGlite.

-- Promotions are documents checked by the domain (parsePromotion) on the way in and out.
create table promotions (
  code text primary key check (code ~ '^[A-Z0-9_]{1,32}$'),
  document jsonb not null,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

-- A quote locks a price for 15 minutes. Items carry each line's plan, months, price, discount and
-- the validity end it would reach; activation recomputes the end from the line as it is then.
create table quotes (
  id text primary key,
  customer_id text,
  kind text not null check (kind in ('renewal', 'top_up')),
  items jsonb not null,
  discounts jsonb not null,
  promo_code text,
  total bigint not null check (total >= 0),
  currency text not null check (currency = 'AZN'),
  -- PayPal does not settle in AZN: the charge in its currency at a rate fixed here.
  fx_currency text,
  fx_rate text,
  fx_rate_source text,
  fx_amount bigint,
  expires_at timestamptz not null,
  created_at timestamptz not null
);

create table orders (
  id text primary key,
  quote_id text not null references quotes (id),
  customer_id text,
  provider text not null check (provider in ('sandbox', 'stripe', 'paypal')),
  status text not null check (status in ('pending_payment', 'paid', 'activated', 'failed', 'expired', 'refunded')),
  total bigint not null check (total >= 0),
  currency text not null check (currency = 'AZN'),
  charge_currency text not null,
  charge_amount bigint not null check (charge_amount >= 0),
  payment_url text,
  -- The provider's handle for the checkout (sandbox session, Stripe Checkout Session, PayPal order).
  provider_reference text,
  failure_reason text,
  -- The provider payment that paid this order: a repeat of it is recognised, another is refunded.
  paid_payment_id text,
  -- After this moment an unpaid order expires; a payment arriving later is refunded.
  pay_by timestamptz not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  paid_at timestamptz,
  activated_at timestamptz
);
-- A customer may open several orders on one quote (another provider, a retry after a decline),
-- but only one of them can ever be paid: the database refuses the second.
create unique index orders_one_paid_per_quote on orders (quote_id) where status in ('paid', 'activated', 'refunded');
-- The reconciler's and the expiry sweep's range.
create index orders_pending on orders (created_at) where status = 'pending_payment';
create unique index orders_provider_reference on orders (provider, provider_reference);

-- A promo code redemption, counted against total and per-customer caps while its order is alive.
create table promo_redemptions (
  order_id text primary key references orders (id),
  code text not null references promotions (code),
  customer_id text,
  created_at timestamptz not null
);
create index promo_redemptions_code on promo_redemptions (code, customer_id);

-- Every payment a provider reports, matched or not: one row per provider payment, ever.
create table payments (
  id bigint generated always as identity primary key,
  provider text not null,
  provider_payment_id text not null,
  order_id text references orders (id),
  amount bigint not null,
  currency text not null,
  status text not null check (status in ('succeeded', 'refund_pending', 'refunded')),
  -- Why this payment goes back (expired order, quote already paid, wrong amount, operator refund).
  refund_reason text,
  provider_refund_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (provider, provider_payment_id)
);
create index payments_refund_pending on payments (updated_at) where status = 'refund_pending';
create index payments_order on payments (order_id);

-- Every authentic provider notification, kept with its raw body; an event that matches nothing
-- stays here (outcome 'unmatched') for review.
create table webhook_inbox (
  id bigint generated always as identity primary key,
  provider text not null,
  event_id text not null,
  event_type text not null,
  raw_body text not null,
  order_id text,
  received_at timestamptz not null,
  processed_at timestamptz,
  outcome text,
  unique (provider, event_id)
);

-- The sandbox provider's own book: what a real provider keeps on its side. Saxla's order tables
-- learn from it only through signed webhooks or a status query, as with a real provider.
create table sandbox_payments (
  id text primary key,
  order_id text not null unique,
  amount bigint not null,
  currency text not null,
  status text not null check (status in ('open', 'succeeded', 'failed', 'refunded')),
  card_last4 text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
