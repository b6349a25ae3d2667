-- The customer's choice, per line, to get Azerbaijani SMS in Latin letters without ə (ə → e,
-- ş → s …): GSM 7-bit, so a reminder is one SMS part instead of three UCS-2 parts. Off unless
-- chosen. On the line, like its language: SMS go to a line, whichever account set it last.
alter table lines add column az_sms_latin boolean not null default false;
