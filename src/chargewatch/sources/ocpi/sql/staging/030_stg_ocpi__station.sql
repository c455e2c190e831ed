-- core.stg_ocpi__station: the OCPI staging model of stations. One row per
-- Location of a load that describes its place and is not removed, typed into
-- the columns of core.station. The station ID is the Location's id, as the
-- ports' station_id (core.port) is. state is the Location's state as written
-- (OCPI gives it for some countries only); country is its ISO 3166 alpha-3
-- code. network: the operator's name, else the CPO's party ID. OCPI gives no
-- facility or owner type, open date or confirmation date. Filter it by
-- load_id. Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocpi__station;

create view core.stg_ocpi__station as
select
    r.load_id,
    r.line_number,
    r.location_id collate "C" as station_id,
    r.name,
    r.address as street_address,
    nullif(btrim(r.city), '') as city,
    nullif(btrim(r.state), '') as state,
    r.postal_code as zip,
    r.country,
    r.latitude::double precision as latitude,
    r.longitude::double precision as longitude,
    r.status,
    r.evse_statuses as status_code,
    null::date as expected_date,
    r.access,
    r.parking_type as access_detail_code,
    null::text as groups_with_access,
    null::boolean as restricted_access,
    null::text as facility_type,
    null::text as owner_type,
    coalesce(nullif(btrim(r.operator), ''), r.party_id) as network,
    r.level1_ports as level1_port_count,
    r.level2_ports as level2_port_count,
    r.dc_fast_ports as dc_fast_port_count,
    c.connector_types,
    nullif(r.hours_text, '') as hours_text,
    h.hours_known,
    h.is_24_7,
    h.schedule as hours_schedule,
    null::date as open_date,
    null::date as date_last_confirmed,
    r.updated_at,
    true as is_valid
from raw.ocpi_location as r
inner join core.connector_text as c on c.connector_text = r.connector_text
inner join core.hours_text as h on h.hours_text = coalesce(r.hours_text, '')
where r.in_scope and not r.quarantined;
