-- Charging sessions (EV Charging Use Data Specification fields where a source has
-- them): one row per session, kept from the newest load that gave it, so a file
-- loaded twice or an overlapping export ends in the same rows. user_hash is a
-- SHA-256 of the source's user id, never the id itself. flags lists the
-- specification's validation warnings (kept, not dropped).
-- Grain: one row per (source, session_id).
create table core.session (
    source text not null,
    session_id text not null collate "C",
    station_id text,
    port_id text,
    network text,
    plug_in_at timestamptz not null,
    plug_out_at timestamptz not null,
    charge_start_at timestamptz,
    charge_end_at timestamptz,
    charging_minutes double precision,
    energy_kwh double precision,
    peak_kw double precision,
    error_code text,
    ended_by text,
    payment_method text,
    user_hash text,
    time_zone text,
    flags text[] not null default '{}',
    load_id bigint not null references core.load (load_id),
    line_number integer not null,
    primary key (source, session_id)
);

create index session_by_load on core.session (load_id);
create index session_by_station on core.session (source, station_id, plug_in_at);

-- A session export is a third kind of load.
alter table core.load drop constraint load_model;
alter table core.load add constraint load_model
    check (model in ('stations', 'port_status', 'sessions'));
