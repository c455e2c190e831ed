-- The afdc stations one load writes, as the start of a new partition of
-- core.station: its accepted records that are newer than the current station.
-- Per station the newest Updated At wins, then the newest snapshot, then the
-- later load, so an older file loaded after a newer one changes nothing.
-- keep_current_stations.sql adds the rest. Grain: one row per AFDC ID (the
-- primary key checks it before the swap).
create table {next} as
with incoming as not materialized (
    select a.*, l.as_of_date
    from core.afdc_station_accepted as a
    inner join core.load as l on l.load_id = a.load_id
    where a.load_id = %(load_id)s
)

select
    'afdc'::text as source,
    i.station_id as source_station_id,
    i.name, i.street_address, i.city, i.state, i.zip, i.country, i.latitude, i.longitude,
    i.status, i.status_code, i.expected_date,
    i.access, i.access_detail_code, i.groups_with_access, i.restricted_access,
    i.facility_type, i.owner_type, i.network,
    i.level1_port_count, i.level2_port_count, i.dc_fast_port_count, i.connector_types,
    i.hours_text, i.hours_known, i.is_24_7, i.hours_schedule,
    i.open_date, i.date_last_confirmed, i.updated_at,
    i.as_of_date,
    coalesce(c.first_load_id, i.load_id) as first_load_id,
    i.load_id as last_load_id,
    i.line_number as source_line_number,
    i.is_valid
from incoming as i
left join {current} as c on c.source_station_id = i.station_id
where
    c.source_station_id is null
    or (coalesce(i.updated_at, '-infinity'), i.as_of_date, i.load_id)
    >= (coalesce(c.updated_at, '-infinity'), c.as_of_date, c.last_load_id)
