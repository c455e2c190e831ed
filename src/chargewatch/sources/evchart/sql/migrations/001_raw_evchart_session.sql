-- raw.evchart_session: one row per line of an EV-ChART-style session export, the
-- columns chargewatch reads as the file gave them (text).
-- Grain: one row per (load_id, line_number).
create table raw.evchart_session (
    load_id bigint not null,
    line_number integer not null,
    provider_id text,
    station_id text,
    charger_id text,
    evse_id text,
    port_id text,
    session_id text,
    session_start text,
    session_end text,
    session_error text,
    energy_kwh text,
    peak_power_kw text,
    payment_method text
);

create index evchart_session_by_load on raw.evchart_session (load_id);
