-- raw.ocpi_evse: one row per EVSE of an OCPI 2.2.1/2.3.0 Location (pulled
-- from a CPO's GET /locations, or pushed to chargewatch serve --ocpi), the
-- fields chargewatch reads as the file gave them, beside what the reader made
-- of them: updated_at (the EVSE's last_updated), taken_at (the file's time:
-- the response's timestamp, else its newest last_updated), power_kw (the
-- largest connector's max_electric_power, else volts × amps) and status
-- (the EVSE status mapped by the package's tables/status.csv). line_number is
-- the EVSE's place in the file (1 = the first EVSE of the first Location).
-- Grain: one row per (load_id, line_number).
create table raw.ocpi_evse (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    country_code text,
    party_id text,
    location_id text not null,
    evse_uid text not null,
    evse_id text,
    evse_status text not null,
    last_updated text,
    location_name text,
    city text,
    latitude text,
    longitude text,
    connectors text,
    power_kw numeric,
    updated_at timestamptz,
    taken_at timestamptz not null,
    status text not null
);

create index ocpi_evse_by_load on raw.ocpi_evse (load_id);
