-- A receipt's payment method refers to the counter methods' lookup table (filled from
-- src/domain/vocabularies.ts by migrate.ts, like those of 0013) instead of a CHECK copying the list.
create table counter_payment_methods (code text primary key);
insert into counter_payment_methods (code) values ('pos'), ('qr');
alter table receipts drop constraint receipts_payment_method_check,
  add constraint receipts_payment_method_fkey foreign key (payment_method) references counter_payment_methods (code);
