-- core.stg_ocpi__observation: what each EVSE of an OCPI Location file
-- observed, in the shape every status source gives
-- (chargewatch.warehouse.port_status). An EVSE's status is an event at its
-- last_updated (at the file's time when later or absent), and the file
-- watched every EVSE it lists up to its own time. A port is an EVSE, by its
-- uid within its Location (port_id); its station is the Location.
-- Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocpi__observation;

create view core.stg_ocpi__observation as
select
    r.load_id,
    r.line_number,
    least(coalesce(r.updated_at, r.taken_at), r.taken_at) as observed_at,
    r.taken_at as seen_at,
    null::boolean as poll_succeeded,
    concat_ws('|', r.country_code, r.party_id, r.location_id, r.evse_uid) as port_key,
    r.location_id as station_id,
    r.evse_uid as port_id,
    r.connectors as connector,
    r.power_kw,
    core.number_or_null(r.latitude) as latitude,
    core.number_or_null(r.longitude) as longitude,
    r.evse_status as source_status,
    null::text as error_code,
    false as whole_station,
    coalesce(nullif(r.operator, ''), r.party_id) as network,
    nullif(r.state, '') as state,
    r.status
from raw.ocpi_evse as r;
