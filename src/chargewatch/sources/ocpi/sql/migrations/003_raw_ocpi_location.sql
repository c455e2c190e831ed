-- raw.ocpi_location: one row per OCPI Location of a load that describes its
-- place (a push of one EVSE does not), for core.station: the fields
-- chargewatch reads as the file gave them, beside what the reader made of
-- them (chargewatch.sources.ocpi.stations): hours_text (opening times as
-- text), connector_text (connector codes), ports by level (one per EVSE not
-- removed), evse_statuses, the station's status and access, in_scope (not
-- removed) and updated_at (last_updated). line_number is the Location's place
-- in the file. Grain: one row per (load_id, line_number).
create table raw.ocpi_location (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    country_code text,
    party_id text,
    location_id text not null,
    name text,
    address text,
    city text,
    postal_code text,
    state text,
    country text,
    latitude text,
    longitude text,
    operator text,
    parking_type text,
    hours_text text,
    connector_text text not null,
    level1_ports integer not null,
    level2_ports integer not null,
    dc_fast_ports integer not null,
    evse_statuses text not null,
    status text not null,
    access text not null,
    in_scope boolean not null,
    last_updated text,
    updated_at timestamptz,
    primary key (load_id, line_number)
);
