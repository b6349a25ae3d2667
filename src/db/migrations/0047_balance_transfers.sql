-- Balance transfers between a customer's lines (issue 13), and the removal of a linked line.
-- A transfer is asked for, then confirmed with a code sent to the line the money leaves; only the
-- confirmation touches the ledger (an entry on each line, in one transaction).

alter table ledger_entries drop constraint ledger_entries_kind_check,
  add constraint ledger_entries_kind_check check (kind in (
    'opening_balance', 'top_up', 'payment', 'plan_charge', 'restore_fee', 'usage', 'refund', 'adjustment',
    'transfer_out', 'transfer_in'));

create table balance_transfers (
  id uuid primary key,
  customer_id uuid not null references customers (id),
  from_msisdn text not null references lines (msisdn),
  to_msisdn text not null references lines (msisdn),
  amount bigint not null check (amount > 0),
  -- Why the recipient may receive: the payer's own line, or (later) a member of the payer's group.
  relation text not null check (relation in ('own_line', 'group_member')),
  -- The request's Idempotency-Key (per account) and a hash of what was asked: the same key again
  -- answers the same transfer, another body under it is refused.
  request_key text not null,
  request_hash text not null,
  -- HMAC of the 6-digit code sent to from_msisdn; never the code itself.
  code_hash text not null,
  -- Wrong codes typed for this transfer: at 5 it can no longer be confirmed.
  attempts smallint not null default 0 check (attempts between 0 and 5),
  status text not null check (status in ('pending', 'completed')),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  completed_at timestamptz,
  policy_version text,
  check (from_msisdn <> to_msisdn),
  check ((status = 'completed') = (completed_at is not null)),
  unique (customer_id, request_key)
);
-- Codes asked for per source line (a limit per hour) and completed transfers per line and day.
create index balance_transfers_from on balance_transfers (from_msisdn, created_at);
create index balance_transfers_from_completed on balance_transfers (from_msisdn, completed_at) where status = 'completed';

-- Links a customer removed themselves (customer_lines.detached_at is also set when a number is
-- reassigned): who removed which line, when, from which address (HMAC only).
create table customer_line_removals (
  id bigint generated always as identity primary key,
  customer_id uuid not null references customers (id),
  msisdn text not null,
  link_id bigint not null references customer_lines (id),
  address_hash text not null,
  removed_at timestamptz not null
);
create index customer_line_removals_customer on customer_line_removals (customer_id, removed_at);
