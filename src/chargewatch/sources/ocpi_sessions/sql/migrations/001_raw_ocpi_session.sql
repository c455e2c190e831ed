-- raw.ocpi_session: one row per finished OCPI Session or CDR of a file, the fields
-- chargewatch reads as the JSON gave them (text; a nested field such as
-- cdr_location.evse_uid by its path), and user_hash (SHA-256 of the token's uid:
-- the uid is not kept). line_number is the object's position in the file, from 1.
-- Grain: one row per (load_id, line_number).
create table raw.ocpi_session (
    load_id bigint not null,
    line_number integer not null,
    country_code text,
    party_id text,
    record_id text,
    cdr_session_id text,
    start_date_time text,
    end_date_time text,
    kwh text,
    total_energy text,
    total_time text,
    total_parking_time text,
    auth_method text,
    location_id text,
    evse_uid text,
    connector_id text,
    cdr_location_id text,
    cdr_evse_uid text,
    cdr_connector_id text,
    status text,
    last_updated text,
    user_hash text
);

create index ocpi_session_by_load on raw.ocpi_session (load_id);
