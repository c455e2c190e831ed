-- raw.esb_status keeps the file's fields only: the poll's time and the
-- canonical status are worked out by the staging model (core.esb_polled_at,
-- core.port_status_code), so a file is copied straight in.
alter table raw.esb_status drop column polled_at, drop column status;
