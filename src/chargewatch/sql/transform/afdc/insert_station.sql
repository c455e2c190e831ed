-- Stations of one load seen for the first time.
-- Grain: one row per accepted record whose AFDC ID is not in core.station.
insert into core.station (
    source, source_station_id,
    name, street_address, city, state, zip, country, latitude, longitude,
    status, status_code, expected_date,
    access, access_detail_code, groups_with_access, restricted_access,
    facility_type, owner_type, network,
    level1_port_count, level2_port_count, dc_fast_port_count, connector_types,
    hours_text, hours_known, is_24_7, hours_schedule,
    open_date, date_last_confirmed, updated_at,
    as_of_date, first_load_id, last_load_id, source_line_number
)
select
    'afdc', a.station_id,
    a.name, a.street_address, a.city, a.state, a.zip, a.country, a.latitude, a.longitude,
    a.status, a.status_code, a.expected_date,
    a.access, a.access_detail_code, a.groups_with_access, a.restricted_access,
    a.facility_type, a.owner_type, a.network,
    a.level1_port_count, a.level2_port_count, a.dc_fast_port_count, a.connector_types,
    a.hours_text, a.hours_known, a.is_24_7, a.hours_schedule,
    a.open_date, a.date_last_confirmed, a.updated_at,
    l.as_of_date, l.load_id, l.load_id, a.line_number
from core.afdc_station_accepted as a
cross join core.load as l
where
    a.load_id = %(load_id)s
    and l.load_id = %(load_id)s
    and not exists (
        select from core.station as s
        where s.source = 'afdc' and s.source_station_id = a.station_id
    )
