-- Issue 13, support cases: a customer's question (category, text, optionally the statement entries
-- it is about), the conversation with staff, and the times the operator's dashboard measures:
-- when it was opened, first answered and resolved. Rows are never deleted.

insert into staff_roles (code) values ('support') on conflict do nothing;

create table support_cases (
  id uuid primary key,
  customer_id uuid not null references customers (id),
  -- The number it is about, if any; SMS about the case go to it (else to the account's login line).
  msisdn text references lines (msisdn),
  category text not null check (category in ('billing', 'renewal', 'sms', 'store', 'other')),
  status text not null check (status in ('open', 'answered', 'resolved')),
  -- A "this wasn't me" on a spending alert opens at most one case.
  dispute_id bigint unique references spending_disputes (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  first_answered_at timestamptz,
  resolved_at timestamptz,
  resolved_by text references staff (id),
  check ((status = 'resolved') = (resolved_at is not null))
);
-- The support queue: unresolved cases, oldest first.
create index support_cases_queue on support_cases (created_at) where status <> 'resolved';
create index support_cases_customer on support_cases (customer_id, created_at desc);
create index support_cases_created on support_cases (created_at);

create table support_case_messages (
  id bigint generated always as identity primary key,
  case_id uuid not null references support_cases (id),
  -- text: the customer's; answer, more_info, resolution: staff's.
  kind text not null check (kind in ('text', 'answer', 'more_info', 'resolution')),
  staff_id text references staff (id),
  body text not null check (length(body) between 1 and 2000),
  created_at timestamptz not null,
  check ((kind = 'text') = (staff_id is null))
);
create index support_case_messages_case on support_case_messages (case_id, id);

-- The ledger entries a case is about (statement entries the customer ticked, or a disputed alert's causes).
create table support_case_entries (
  case_id uuid not null references support_cases (id),
  entry_id bigint not null references ledger_entries (id),
  primary key (case_id, entry_id)
);
