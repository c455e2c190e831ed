-- core.stg_bfe__observation: what each EVSE line of a BFE snapshot observed,
-- in the shape every status source gives (chargewatch.warehouse.port_status).
-- A line is an event at its own lastUpdate (at the snapshot's time when it has
-- none), and the snapshot lists the EVSE up to its own time. A port is an EVSE
-- (EvseID); its station is the ChargingStationId. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_bfe__observation;

create view core.stg_bfe__observation as
select
    r.load_id,
    r.line_number,
    least(coalesce(r.updated_at, r.taken_at), r.taken_at) as observed_at,
    r.taken_at as seen_at,
    null::boolean as poll_succeeded,
    r.evse_id as port_key,
    coalesce(nullif(r.charging_station_id, ''), r.evse_id) as station_id,
    r.evse_id as port_id,
    nullif(r.plugs, '') as connector,
    null::numeric as power_kw,
    core.number_or_null(r.latitude) as latitude,
    core.number_or_null(r.longitude) as longitude,
    r.evse_status as source_status,
    null::text as error_code,
    false as whole_station,
    nullif(r.operator_id, '') as network,
    null::text as state,
    r.status
from raw.bfe_evse_status as r
where r.evse_id <> '';
