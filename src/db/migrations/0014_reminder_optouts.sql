-- Reminder opt-outs per milestone, not one column per milestone: the milestones are the validity
-- policy's reminderDays, which an operator may change, and a column per day would silently stop
-- matching. A row means "this account does not want the reminder N days before the end"; no row,
-- the reminder goes out. Stage notices and the email address stay in customer_settings.
create table customer_reminder_optouts (
  customer_id uuid not null references customers (id),
  milestone_days integer not null check (milestone_days > 0),
  primary key (customer_id, milestone_days)
);

-- The choices made so far, under the 30/7/1 milestones the columns stood for.
insert into customer_reminder_optouts (customer_id, milestone_days)
  select customer_id, 30 from customer_settings where not remind_30_days
  union all select customer_id, 7 from customer_settings where not remind_7_days
  union all select customer_id, 1 from customer_settings where not remind_1_day;

drop index customer_settings_opted_out;
alter table customer_settings drop column remind_30_days, drop column remind_7_days, drop column remind_1_day;
-- The sweep starts from accounts that turned something off: those with an opt-out row, and these.
create index customer_settings_notices_off on customer_settings (customer_id) where not stage_notices;
