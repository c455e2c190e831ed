-- The stations one load writes, as the start of a new partition of
-- core.station: every accepted record of the load, from its source's staging
-- model, dated %(as_of)s (the load's as_of_date). Loads are applied in
-- snapshot order (chargewatch.warehouse.history), so the load's record is the
-- station's newest. A station keeps its
-- version's valid_from when none of the attributes its history follows
-- changed; otherwise a new version begins on the snapshot date.
-- A field the file lacks (%(absent)s, core.load.absent_fields) says nothing
-- about the station: it keeps its current value (no version change, no loss
-- of ports); the snapshot's KPIs that need it are unknown.
-- keep_current_stations.sql adds the stations the file does not speak for.
-- Grain: one row per station ID (the primary key checks it before the swap).
create table {next} as
with incoming as not materialized (
    select a.*, %(as_of)s::date as as_of_date
    from {staging} as a
    where a.load_id = %(load_id)s
),

merged as not materialized (
    select
        i.station_id,
        i.load_id,
        i.line_number,
        i.as_of_date,
        i.is_valid,
        case
            when 'name' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.name
            else i.name
        end as name,
        case
            when 'street_address' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.street_address
            else i.street_address
        end as street_address,
        case
            when 'city' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.city
            else i.city
        end as city,
        case
            when 'state' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.state
            else i.state
        end as state,
        case
            when 'zip' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.zip
            else i.zip
        end as zip,
        case
            when 'country' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.country
            else i.country
        end as country,
        case
            when 'latitude' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.latitude
            else i.latitude
        end as latitude,
        case
            when 'longitude' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.longitude
            else i.longitude
        end as longitude,
        case
            when 'status' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.status
            else i.status
        end as status,
        case
            when 'status' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.status_code
            else i.status_code
        end as status_code,
        case
            when 'expected_date' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.expected_date
            else i.expected_date
        end as expected_date,
        case
            when 'access' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.access
            else i.access
        end as access,
        case
            when 'access_detail_code' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.access_detail_code
            else i.access_detail_code
        end as access_detail_code,
        case
            when 'groups_with_access' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.groups_with_access
            else i.groups_with_access
        end as groups_with_access,
        case
            when 'restricted_access' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.restricted_access
            else i.restricted_access
        end as restricted_access,
        case
            when 'facility_type' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.facility_type
            else i.facility_type
        end as facility_type,
        case
            when 'owner_type' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.owner_type
            else i.owner_type
        end as owner_type,
        case
            when 'network' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.network
            else i.network
        end as network,
        case
            when 'level1_port_count' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.level1_port_count
            else i.level1_port_count
        end as level1_port_count,
        case
            when 'level2_port_count' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.level2_port_count
            else i.level2_port_count
        end as level2_port_count,
        case
            when 'dc_fast_port_count' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.dc_fast_port_count
            else i.dc_fast_port_count
        end as dc_fast_port_count,
        case
            when 'connector_types' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.connector_types
            else i.connector_types
        end as connector_types,
        case
            when 'hours' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.hours_text
            else i.hours_text
        end as hours_text,
        case
            when 'hours' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.hours_known
            else i.hours_known
        end as hours_known,
        case
            when 'hours' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.is_24_7
            else i.is_24_7
        end as is_24_7,
        case
            when 'hours' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.hours_schedule
            else i.hours_schedule
        end as hours_schedule,
        case
            when 'open_date' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.open_date
            else i.open_date
        end as open_date,
        case
            when 'date_last_confirmed' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.date_last_confirmed
            else i.date_last_confirmed
        end as date_last_confirmed,
        case
            when 'updated_at' = any(%(absent)s::text[])
                and c.source_station_id is not null then c.updated_at
            else i.updated_at
        end as updated_at,
        c.first_load_id as current_first_load_id,
        c.valid_from as current_valid_from,
        c.name as current_name,
        c.street_address as current_street_address,
        c.city as current_city,
        c.state as current_state,
        c.zip as current_zip,
        c.country as current_country,
        c.latitude as current_latitude,
        c.longitude as current_longitude,
        c.status as current_status,
        c.access as current_access,
        c.facility_type as current_facility_type,
        c.owner_type as current_owner_type,
        c.network as current_network,
        c.level1_port_count as current_level1_port_count,
        c.level2_port_count as current_level2_port_count,
        c.dc_fast_port_count as current_dc_fast_port_count,
        c.connector_types as current_connector_types,
        c.hours_text as current_hours_text
    from incoming as i
    left join {current} as c on c.source_station_id = i.station_id
)

select
    %(source)s::text as source,
    m.station_id as source_station_id,
    m.name, m.street_address, m.city, m.state, m.zip, m.country, m.latitude, m.longitude,
    m.status, m.status_code, m.expected_date, m.access, m.access_detail_code,
    m.groups_with_access, m.restricted_access, m.facility_type, m.owner_type, m.network,
    m.level1_port_count, m.level2_port_count, m.dc_fast_port_count, m.connector_types,
    m.hours_text, m.hours_known, m.is_24_7, m.hours_schedule, m.open_date,
    m.date_last_confirmed, m.updated_at,
    m.as_of_date,
    coalesce(m.current_first_load_id, m.load_id) as first_load_id,
    m.load_id as last_load_id,
    m.line_number as source_line_number,
    case
        when (
            m.name, m.street_address, m.city, m.state, m.zip, m.country, m.latitude,
            m.longitude, m.status, m.access, m.facility_type, m.owner_type, m.network,
            m.level1_port_count, m.level2_port_count, m.dc_fast_port_count, m.connector_types,
            m.hours_text
        ) is not distinct from (
            m.current_name, m.current_street_address, m.current_city, m.current_state,
            m.current_zip, m.current_country, m.current_latitude, m.current_longitude,
            m.current_status, m.current_access, m.current_facility_type, m.current_owner_type,
            m.current_network, m.current_level1_port_count, m.current_level2_port_count,
            m.current_dc_fast_port_count, m.current_connector_types, m.current_hours_text
        ) then m.current_valid_from
        else m.as_of_date
    end as valid_from,
    m.is_valid
from merged as m
