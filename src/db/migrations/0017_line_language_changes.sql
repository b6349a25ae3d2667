-- Who chose each line's language, and when. A line has one language (its SMS, statements and
-- receipts); the account that signs up with it, any account holding it, its holder on USSD and an
-- agent at the counter may change it, and the last choice wins. This log says whose choice it was.
create table line_language_changes (
  id bigint generated always as identity primary key,
  msisdn text not null references lines (msisdn),
  language text not null references customer_languages (code),
  previous_language text not null references customer_languages (code),
  -- sign_up: the language chosen at registration; account: Settings or the API; ussd: *101#;
  -- counter: an agent for the customer at a store.
  source text not null check (source in ('sign_up', 'account', 'ussd', 'counter')),
  customer_id uuid references customers (id),
  staff_id text references staff (id),
  changed_at timestamptz not null,
  check ((source in ('sign_up', 'account')) = (customer_id is not null)),
  check ((source = 'counter') = (staff_id is not null))
);
create index line_language_changes_line on line_language_changes (msisdn, changed_at desc, id desc);
