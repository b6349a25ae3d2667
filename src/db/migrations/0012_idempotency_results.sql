-- An idempotency record keeps the use case's own result (the order it opened, the refund it made),
-- never an HTTP answer: each channel maps a result to its own status. A key is claimed before its
-- result exists, in the same transaction that then records it, so a committed record always has it.
alter table idempotency_records drop column status_code;
alter table idempotency_records rename column response to result;
alter table idempotency_records alter column result drop not null;
