-- raw.esb_status: one row per line of an ESB ecars status poll file (Ireland),
-- as the file gave it, beside what the reader made of it: polled_at (the
-- poll's date and time, Irish local time) and status (its code mapped by the
-- package's tables/status.csv; null for NA, a failed poll's only line).
-- Grain: one row per (load_id, line_number).
create table raw.esb_status (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    poll_date text,
    poll_time text,
    charge_point text,
    connector_type text,
    status_code text,
    coordinates text,
    address text,
    longitude text,
    latitude text,
    polled_at timestamptz not null,
    status text
);

create index esb_status_by_load on raw.esb_status (load_id);
