-- reporting.station: one row per charging station, current version.
create view reporting.station as
select
    s.source,
    s.source_station_id as station_id,
    s.name as station_name,
    s.street_address,
    s.city,
    s.state,
    s.zip,
    s.country,
    s.latitude,
    s.longitude,
    s.status,
    core.is_existing(s.status) as is_existing,
    s.access,
    s.restricted_access as is_restricted_access,
    s.facility_type,
    s.owner_type,
    s.network,
    coalesce(s.level1_port_count, 0) as level1_port_count,
    coalesce(s.level2_port_count, 0) as level2_port_count,
    coalesce(s.dc_fast_port_count, 0) as dc_fast_port_count,
    coalesce(s.dc_fast_port_count, 0) > 0 as has_dc_fast,
    array_to_string(s.connector_types, ' ') as connector_types,
    cardinality(s.connector_types) as connector_type_count,
    s.hours_text,
    s.hours_known as is_hours_known,
    s.is_24_7,
    s.expected_date,
    s.open_date,
    s.date_last_confirmed,
    s.updated_at,
    s.as_of_date,
    s.last_load_id as load_id,
    s.source_line_number
from core.station as s;

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
