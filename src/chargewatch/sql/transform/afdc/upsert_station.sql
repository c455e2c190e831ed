-- Typed AFDC stations of one load, upserted by AFDC ID.
-- Grain: one row per accepted ELEC record (not skipped, not quarantined).
-- A station that already holds newer data (a later Updated At, or the same one
-- from a later snapshot) keeps it, so loading an older file after a newer one
-- changes nothing.
with this_load as (
    select load_id, as_of_date from core.load where load_id = %(load_id)s
),

accepted as (
    select r.*
    from raw.afdc_station as r
    where
        r.load_id = %(load_id)s
        and upper(btrim(r.fuel_type_code)) = 'ELEC'
        and not exists (
            select from core.quarantine as q
            where q.load_id = r.load_id and q.line_number = r.line_number
        )
),

-- Materialized so the connector function runs once per distinct text, not per row.
connector_sets as materialized (
    select connector_text, core.afdc_connector_types(connector_text) as connector_types
    from (
        select distinct coalesce(ev_connector_types, '') as connector_text
        from raw.afdc_station
        where load_id = %(load_id)s
    ) as d
)

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
    'afdc',
    btrim(a.id),
    nullif(btrim(a.station_name), ''),
    nullif(btrim(a.street_address), ''),
    nullif(btrim(a.city), ''),
    nullif(upper(btrim(a.state)), ''),
    nullif(btrim(a.zip), ''),
    nullif(upper(btrim(a.country)), ''),
    nullif(btrim(a.latitude), '')::double precision,
    nullif(btrim(a.longitude), '')::double precision,
    core.afdc_status(a.status_code),
    nullif(upper(btrim(a.status_code)), ''),
    nullif(btrim(a.expected_date), '')::date,
    core.afdc_access(a.access_code, a.groups_with_access_code),
    nullif(btrim(a.access_detail_code), ''),
    nullif(btrim(a.groups_with_access_code), ''),
    case lower(btrim(a.restricted_access)) when 'true' then true when 'false' then false end,
    nullif(btrim(a.facility_type), ''),
    core.afdc_owner_type(a.owner_type_code),
    nullif(btrim(a.ev_network), ''),
    nullif(btrim(a.ev_level1_evse_num), '')::integer,
    nullif(btrim(a.ev_level2_evse_num), '')::integer,
    nullif(btrim(a.ev_dc_fast_count), '')::integer,
    c.connector_types,
    nullif(a.access_days_time, ''),
    h.hours_known,
    h.is_24_7,
    h.schedule,
    nullif(btrim(a.open_date), '')::date,
    nullif(btrim(a.date_last_confirmed), '')::date,
    nullif(btrim(a.updated_at), '')::timestamptz,
    l.as_of_date,
    l.load_id,
    l.load_id,
    a.line_number
from accepted as a
cross join this_load as l
inner join connector_sets as c on c.connector_text = coalesce(a.ev_connector_types, '')
inner join core.hours_text as h on h.hours_text = coalesce(a.access_days_time, '')
on conflict (source, source_station_id) do update set
    name = excluded.name,
    street_address = excluded.street_address,
    city = excluded.city,
    state = excluded.state,
    zip = excluded.zip,
    country = excluded.country,
    latitude = excluded.latitude,
    longitude = excluded.longitude,
    status = excluded.status,
    status_code = excluded.status_code,
    expected_date = excluded.expected_date,
    access = excluded.access,
    access_detail_code = excluded.access_detail_code,
    groups_with_access = excluded.groups_with_access,
    restricted_access = excluded.restricted_access,
    facility_type = excluded.facility_type,
    owner_type = excluded.owner_type,
    network = excluded.network,
    level1_port_count = excluded.level1_port_count,
    level2_port_count = excluded.level2_port_count,
    dc_fast_port_count = excluded.dc_fast_port_count,
    connector_types = excluded.connector_types,
    hours_text = excluded.hours_text,
    hours_known = excluded.hours_known,
    is_24_7 = excluded.is_24_7,
    hours_schedule = excluded.hours_schedule,
    open_date = excluded.open_date,
    date_last_confirmed = excluded.date_last_confirmed,
    updated_at = excluded.updated_at,
    as_of_date = excluded.as_of_date,
    last_load_id = excluded.last_load_id,
    source_line_number = excluded.source_line_number
where
    (coalesce(excluded.updated_at, '-infinity'), excluded.as_of_date, excluded.last_load_id)
    >= (coalesce(core.station.updated_at, '-infinity'), core.station.as_of_date, core.station.last_load_id)
