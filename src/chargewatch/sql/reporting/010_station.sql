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
comment on column reporting.station.source is 'Where the record came from: afdc.';
comment on column reporting.station.station_id is 'The source''s own station ID (AFDC ID).';
comment on column reporting.station.station_name is 'Station name as published.';
comment on column reporting.station.state is 'Two-letter state code.';
comment on column reporting.station.latitude is 'WGS84 degrees, -90..90.';
comment on column reporting.station.longitude is 'WGS84 degrees, -180..180.';
comment on column reporting.station.is_restricted_access is
    'Access is restricted (AFDC Restricted Access); null when not given.';
comment on column reporting.station.facility_type is 'AFDC facility type, e.g. HOTEL, PARKING_LOT.';
comment on column reporting.station.owner_type is
    'private | utility | federal_government | state_government | local_government | '
    'jointly_owned; null when not given.';
comment on column reporting.station.network is 'Charging network, e.g. ChargePoint Network.';
comment on column reporting.station.level1_port_count is 'Level 1 ports; 0 when not given.';
comment on column reporting.station.level2_port_count is 'Level 2 ports; 0 when not given.';
comment on column reporting.station.dc_fast_port_count is 'DC fast ports; 0 when not given.';
comment on column reporting.station.has_dc_fast is 'At least one DC fast port.';
comment on column reporting.station.connector_type_count is 'Number of distinct connector types.';
comment on column reporting.station.hours_text is 'Opening hours as published (AFDC Access Days Time).';
comment on column reporting.station.is_hours_known is 'The hours text could be read as a weekly schedule.';
comment on column reporting.station.expected_date is
    'AFDC Expected Date: opening date when planned; when temporarily unavailable, the '
    'expected reopening date (or, from networks'' feeds, the go-down date).';
comment on column reporting.station.open_date is 'Date the station opened.';
comment on column reporting.station.date_last_confirmed is
    'Date the source last confirmed the record; staleness is as_of_date minus this.';
comment on column reporting.station.updated_at is 'When the source last changed the record.';
comment on column reporting.station.as_of_date is 'Snapshot date of the load this row is from.';
