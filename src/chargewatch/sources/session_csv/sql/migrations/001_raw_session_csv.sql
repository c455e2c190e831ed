-- raw.session_csv: one row per line of a session CSV read by chargewatch's field
-- names or a --column-map, each field as the file gave it (text), and user_hash
-- (SHA-256 of the line's user ID: the ID is not kept).
-- Grain: one row per (load_id, line_number).
create table raw.session_csv (
    load_id bigint not null,
    line_number integer not null,
    session_id text,
    station_id text,
    port_id text,
    network text,
    state text,
    plug_in_at text,
    plug_out_at text,
    charge_start_at text,
    charge_end_at text,
    charging_minutes text,
    energy_kwh text,
    peak_kw text,
    rated_kw text,
    error_code text,
    ended_by text,
    payment_method text,
    time_zone text,
    user_hash text
);

create index session_csv_by_load on raw.session_csv (load_id);
