-- core.stg_afdc__station: the AFDC staging model of stations. One row per ELEC
-- record of any load that was not quarantined, typed into the columns of
-- core.station. Codes and the KPI dimensions are trimmed; names and addresses
-- are kept as published. Filter it by load_id: the filter reaches the load's
-- raw partition. is_valid: the dates and times
-- have their shape (see core.is_valid_date); the other checks are run on the
-- typed values (see chargewatch.warehouse.stations).
drop view if exists core.stg_afdc__station;

create view core.stg_afdc__station as
select
    r.load_id,
    r.line_number,
    btrim(r.id) collate "C" as station_id,
    nullif(r.station_name, '') as name,
    nullif(r.street_address, '') as street_address,
    nullif(btrim(r.city), '') as city,
    nullif(core.upper_code(r.state), '') as state,
    nullif(r.zip, '') as zip,
    nullif(core.upper_code(r.country), '') as country,
    nullif(r.latitude, '')::double precision as latitude,
    nullif(r.longitude, '')::double precision as longitude,
    core.afdc_status(r.status_code) as status,
    nullif(core.upper_code(r.status_code), '') as status_code,
    nullif(r.expected_date, '')::date as expected_date,
    core.afdc_access(r.access_code, r.groups_with_access_code) as access,
    nullif(r.access_detail_code, '') as access_detail_code,
    nullif(r.groups_with_access_code, '') as groups_with_access,
    case core.lower_code(r.restricted_access) when 'true' then true when 'false' then false end
        as restricted_access,
    nullif(btrim(r.facility_type), '') as facility_type,
    core.afdc_owner_type(r.owner_type_code) as owner_type,
    nullif(btrim(r.ev_network), '') as network,
    nullif(r.ev_level1_evse_num, '')::integer as level1_port_count,
    nullif(r.ev_level2_evse_num, '')::integer as level2_port_count,
    nullif(r.ev_dc_fast_count, '')::integer as dc_fast_port_count,
    c.connector_types,
    nullif(r.access_days_time, '') as hours_text,
    h.hours_known,
    h.is_24_7,
    h.schedule as hours_schedule,
    nullif(r.open_date, '')::date as open_date,
    nullif(r.date_last_confirmed, '')::date as date_last_confirmed,
    nullif(r.updated_at, '')::timestamptz as updated_at,
    core.is_valid_date(r.expected_date)
    and core.is_valid_date(r.open_date)
    and core.is_valid_date(r.date_last_confirmed)
    and core.is_valid_timestamp(r.updated_at) as is_valid
from raw.afdc_station as r
inner join core.connector_text as c on c.connector_text = coalesce(r.ev_connector_types, '')
inner join core.hours_text as h on h.hours_text = coalesce(r.access_days_time, '')
where
    core.is_afdc_elec(r.fuel_type_code)
    and not r.quarantined
