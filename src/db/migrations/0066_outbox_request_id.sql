-- Which request or job pass wrote each SMS: set for the transaction by Saxla (set_config with
-- is_local), read here by default, so every statement that writes an SMS carries it unchanged.
alter table sms_outbox add column request_id text default nullif(current_setting('saxla.request_id', true), '');
