-- reporting.station: one row per charging station, its current version.
-- Grain: one row per (source, station_id).
create view reporting.station as
select
    source,
    station_id,
    station_name,
    street_address,
    city,
    state,
    zip,
    country,
    latitude,
    longitude,
    status,
    is_existing,
    access,
    is_restricted_access,
    facility_type,
    owner_type,
    network,
    level1_port_count,
    level2_port_count,
    dc_fast_port_count,
    has_dc_fast,
    connector_types,
    connector_type_count,
    hours_text,
    is_hours_known,
    is_24_7,
    expected_date,
    open_date,
    date_last_confirmed,
    updated_at,
    as_of_date,
    load_id,
    source_line_number
from reporting.station_history
where valid_to is null;

comment on view reporting.station is
    'One row per charging station (source, station_id): its current version.';
comment on column reporting.station.status is
    'operational | temporarily_unavailable | planned | removed | unknown';
comment on column reporting.station.is_existing is
    'True unless planned or removed: the stations every KPI counts (SPEC §4).';
comment on column reporting.station.access is 'public | private | unknown';
comment on column reporting.station.connector_types is
    'Distinct normalised connector codes, space-separated; TESLA/NACS/J3400 are NACS.';
comment on column reporting.station.is_24_7 is
    'Open every minute of the week by the parsed hours; false when hours are unknown.';
comment on column reporting.station.load_id is 'The load that wrote this version.';
comment on column reporting.station.source_line_number is
    'Line of the source file (header = 1) this version came from.';
