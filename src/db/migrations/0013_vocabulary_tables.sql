-- The fixed vocabularies become small lookup tables that the columns refer to, in place of CHECK
-- constraints that copied each list. migrate.ts fills them from src/domain/vocabularies.ts after
-- the migrations (db/vocabulary-tables.ts), so adding a language or a provider is a TypeScript
-- line and no SQL. The rows written here are only what the replaced CHECKs allowed, so the
-- foreign keys hold for every row already stored; values are never removed (rows may refer to them).
create table customer_languages (code text primary key);
create table payment_providers (code text primary key);
create table staff_roles (code text primary key);
create table appointment_purposes (code text primary key);
create table plan_kinds (code text primary key);

insert into customer_languages (code) values ('az'), ('en'), ('ru'), ('zh');
insert into payment_providers (code) values ('sandbox'), ('stripe'), ('paypal'), ('pos'), ('qr');
insert into staff_roles (code) values ('agent'), ('manager'), ('admin');
insert into appointment_purposes (code) values ('renewal'), ('restore'), ('new_line'), ('other');
insert into plan_kinds (code) values ('keep_number'), ('data'), ('voice'), ('international'), ('roaming'),
  ('foreign_user'), ('family'), ('multi_sim');

alter table lines drop constraint lines_language_check,
  add constraint lines_language_fkey foreign key (language) references customer_languages (code);
alter table sms_outbox drop constraint sms_outbox_language_check,
  add constraint sms_outbox_language_fkey foreign key (language) references customer_languages (code);
alter table customers drop constraint customers_language_check,
  add constraint customers_language_fkey foreign key (language) references customer_languages (code);
alter table one_time_codes drop constraint one_time_codes_language_check,
  add constraint one_time_codes_language_fkey foreign key (language) references customer_languages (code);
alter table appointments drop constraint appointments_language_check,
  add constraint appointments_language_fkey foreign key (language) references customer_languages (code);
alter table counter_sales drop constraint counter_sales_language_check,
  add constraint counter_sales_language_fkey foreign key (language) references customer_languages (code);
alter table receipts drop constraint receipts_language_check,
  add constraint receipts_language_fkey foreign key (language) references customer_languages (code);

alter table orders drop constraint orders_provider_check,
  add constraint orders_provider_fkey foreign key (provider) references payment_providers (code);
alter table staff drop constraint staff_role_check,
  add constraint staff_role_fkey foreign key (role) references staff_roles (code);
alter table appointments drop constraint appointments_purpose_check,
  add constraint appointments_purpose_fkey foreign key (purpose) references appointment_purposes (code);
alter table plans drop constraint plans_kind_check,
  add constraint plans_kind_fkey foreign key (kind) references plan_kinds (code);
