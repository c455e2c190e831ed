-- core.stg_ocm__station: the Open Charge Map staging model of stations. One
-- row per published, not removed POI of any load that was not quarantined,
-- typed into the columns of core.station. A POI is a location: its ports by
-- level are its connections' quantities (a connector of each type on one port
-- counts once per connection, so they can exceed AFDC's port counts). Dates:
-- updated_at is the last status update, date_last_confirmed the newer of the
-- last confirmation and verification, expected_date the planned date. OCM
-- gives no opening hours, owner or facility type (core.load.absent_fields).
-- state: a US or Canadian code; elsewhere the country code and region as
-- written ("DE:Berlin", "DE:?"), so each country's stations stand apart.
-- network: the operator, none for OCM's "(Unknown Operator)". Filter it by
-- load_id. Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocm__station;

create view core.stg_ocm__station as
select
    r.load_id,
    r.line_number,
    coalesce(btrim(r.id), '') collate "C" as station_id,
    r.title as name,
    r.address_line1 as street_address,
    nullif(btrim(r.town), '') as city,
    nullif(btrim(r.state), '') as state,
    r.postcode as zip,
    r.country_iso as country,
    r.latitude::double precision as latitude,
    r.longitude::double precision as longitude,
    r.status,
    r.status_type_id as status_code,
    r.date_planned::timestamptz::date as expected_date,
    r.access,
    r.usage_type as access_detail_code,
    null::text as groups_with_access,
    null::boolean as restricted_access,
    null::text as facility_type,
    null::text as owner_type,
    case when r.operator <> '(Unknown Operator)' then nullif(btrim(r.operator), '') end
        as network,
    r.level1_ports::integer as level1_port_count,
    r.level2_ports::integer as level2_port_count,
    r.dc_fast_ports::integer as dc_fast_port_count,
    c.connector_types,
    null::text as hours_text,
    false as hours_known,
    false as is_24_7,
    null::int4multirange as hours_schedule,
    null::date as open_date,
    greatest(r.date_last_confirmed::timestamptz, r.date_last_verified::timestamptz)::date
        as date_last_confirmed,
    r.date_last_status_update::timestamptz as updated_at,
    core.is_valid_timestamp(r.date_planned)
    and core.is_valid_timestamp(r.date_last_confirmed)
    and core.is_valid_timestamp(r.date_last_verified)
    and core.is_valid_timestamp(r.date_last_status_update) as is_valid
from raw.ocm_poi as r
inner join core.connector_text as c on c.connector_text = r.connector_codes
where r.in_scope and not r.quarantined;
