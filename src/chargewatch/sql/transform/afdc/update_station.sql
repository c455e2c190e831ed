-- Stations of one load that exist already, updated in place.
-- Grain: one row per accepted record whose station is in core.station.
-- A station that holds newer data (a later Updated At, or the same one from a
-- later snapshot) keeps it, so loading an older file after a newer one changes nothing.
update core.station as s
set
    name = a.name,
    street_address = a.street_address,
    city = a.city,
    state = a.state,
    zip = a.zip,
    country = a.country,
    latitude = a.latitude,
    longitude = a.longitude,
    status = a.status,
    status_code = a.status_code,
    expected_date = a.expected_date,
    access = a.access,
    access_detail_code = a.access_detail_code,
    groups_with_access = a.groups_with_access,
    restricted_access = a.restricted_access,
    facility_type = a.facility_type,
    owner_type = a.owner_type,
    network = a.network,
    level1_port_count = a.level1_port_count,
    level2_port_count = a.level2_port_count,
    dc_fast_port_count = a.dc_fast_port_count,
    connector_types = a.connector_types,
    hours_text = a.hours_text,
    hours_known = a.hours_known,
    is_24_7 = a.is_24_7,
    hours_schedule = a.hours_schedule,
    open_date = a.open_date,
    date_last_confirmed = a.date_last_confirmed,
    updated_at = a.updated_at,
    as_of_date = l.as_of_date,
    last_load_id = l.load_id,
    source_line_number = a.line_number
from core.afdc_station_accepted as a
cross join core.load as l
where
    a.load_id = %(load_id)s
    and l.load_id = %(load_id)s
    and s.source = 'afdc'
    and s.source_station_id = a.station_id
    and (coalesce(a.updated_at, '-infinity'), l.as_of_date, l.load_id)
    >= (coalesce(s.updated_at, '-infinity'), s.as_of_date, s.last_load_id)
