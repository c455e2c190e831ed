-- The afdc stations one load writes, as the start of a new partition of
-- core.station: every accepted record of the load. Loads are applied in
-- snapshot order (chargewatch.warehouse.history), so the load's record is the
-- station's newest. A station keeps its version's valid_from when none of the
-- attributes its history follows changed; otherwise a new version begins on
-- the load's snapshot date (close_versions.sql ends the old one).
-- keep_current_stations.sql adds the stations the file does not speak for.
-- Grain: one row per AFDC ID (the primary key checks it before the swap).
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
    case
        when (
            i.name, i.street_address, i.city, i.state, i.zip, i.country, i.latitude, i.longitude,
            i.status, i.access, i.facility_type, i.owner_type, i.network,
            i.level1_port_count, i.level2_port_count, i.dc_fast_port_count, i.connector_types,
            i.hours_text
        ) is not distinct from (
            c.name, c.street_address, c.city, c.state, c.zip, c.country, c.latitude, c.longitude,
            c.status, c.access, c.facility_type, c.owner_type, c.network,
            c.level1_port_count, c.level2_port_count, c.dc_fast_port_count, c.connector_types,
            c.hours_text
        ) then c.valid_from
        else i.as_of_date
    end as valid_from,
    i.is_valid
from incoming as i
left join {current} as c on c.source_station_id = i.station_id
