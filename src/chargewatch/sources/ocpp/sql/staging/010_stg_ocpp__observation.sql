-- core.stg_ocpp__observation: what each StatusNotification of an OCPP log
-- observed, in the shape every status source gives
-- (chargewatch.warehouse.port_status). A port is a connector: its ID is the
-- connector ID (1.6) or "EVSE/connector" (2.0.1); its station is the charger.
-- A status for connector 0 (1.6) or EVSE 0 (2.0.1) is the whole charger's
-- (port "*", whole_station): it applies to every connector the charger has.
-- The log watched each port up to its newest line (a status dated later, by a
-- charger clock ahead, counts from then). Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocpp__observation;

create view core.stg_ocpp__observation as
with notices as (
    select
        r.*,
        case r.ocpp_version
            when '1.6' then r.connector_id = 0
            else r.evse_id = 0
        end as whole_station
    from raw.ocpp_message as r
    where r.message_type = 2 and r.action = 'StatusNotification' and r.status is not null
)

select
    n.load_id,
    n.line_number,
    least(n.observed_at, n.log_end) as observed_at,
    n.log_end as seen_at,
    null::boolean as poll_succeeded,
    n.charger_id || '|' || p.port_id as port_key,
    n.charger_id as station_id,
    p.port_id,
    null::text as connector,
    null::numeric as power_kw,
    null::double precision as latitude,
    null::double precision as longitude,
    n.source_status,
    n.error_code,
    n.whole_station,
    null::text as network,
    null::text as state,
    n.status
from notices as n
cross join lateral (
    select
        case
            when n.whole_station then '*'
            when n.ocpp_version = '1.6' then n.connector_id::text
            else n.evse_id || '/' || n.connector_id
        end as port_id
) as p;
