-- raw.chargepoint_session: one row per line of a ChargePoint session export, the
-- columns chargewatch reads as the file gave them (text), beside what the reader
-- made of them: plug_in_text and plug_out_text (the local times in ISO 8601 with
-- their offset, or as written when they are not times), time_zone (the zone of
-- the start's abbreviation) and user_hash (SHA-256 of User ID: the ID is not kept).
-- Grain: one row per (load_id, line_number).
create table raw.chargepoint_session (
    load_id bigint not null,
    line_number integer not null,
    station_name text,
    mac_address text,
    org_name text,
    start_date text,
    start_time_zone text,
    end_date text,
    end_time_zone text,
    total_duration text,
    charging_time text,
    energy_kwh text,
    port_type text,
    port_number text,
    ended_by text,
    plug_in_event_id text,
    latitude text,
    longitude text,
    state text,
    plug_in_text text,
    plug_out_text text,
    time_zone text,
    user_hash text
);

create index chargepoint_session_by_load on raw.chargepoint_session (load_id);
