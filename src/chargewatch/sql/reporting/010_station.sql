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
    'One row per charging station (source, station_id) as its newest snapshot lists it: its '
    'current values, the rows of reporting.station_history whose valid_to is null. '
    'Stations a later snapshot stopped listing are not here (see reporting.station_history, '
    'ended_by = removed); planned ones are (filter is_existing for the stations the KPIs '
    'count).';
-- The columns are those of reporting.station_history and are described there.
select core.inherit_column_comments('reporting.station_history', 'reporting.station');
