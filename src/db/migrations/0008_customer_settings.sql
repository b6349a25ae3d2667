-- What an account chose about its messages. No row means the defaults (every reminder, no email),
-- so the sweep only ever meets the few accounts that changed something.
create table customer_settings (
  customer_id uuid primary key references customers (id),
  remind_30_days boolean not null,
  remind_7_days boolean not null,
  remind_1_day boolean not null,
  stage_notices boolean not null,
  -- Stored for a second channel; nothing is sent by email yet.
  email text check (email is null or (length(email) <= 254 and email like '%_@_%')),
  updated_at timestamptz not null
);
-- The sweep starts from accounts that turned something off: a handful among many.
create index customer_settings_opted_out on customer_settings (customer_id)
  where not (remind_30_days and remind_7_days and remind_1_day and stage_notices);
