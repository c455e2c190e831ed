-- core.stg_chargepoint__session: each line of a ChargePoint session export typed
-- into core.session's columns (chargewatch.warehouse.sessions), beside the raw
-- text the quarantine rules name. A session is the station's MAC address and its
-- plug-in event; its station is the Station Name, its port the Port Number.
-- The file's times are to the minute: a session ends at its start plus its
-- Total Duration (to the second) where that is given, else at its End Date.
-- Charging Time is the minutes energy flowed. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_chargepoint__session;

create view core.stg_chargepoint__session as
select
    r.load_id,
    r.line_number,
    case
        when r.plug_in_event_id = '' then ''
        else r.mac_address || '/' || r.plug_in_event_id
    end as session_id,
    nullif(r.station_name, '') as station_id,
    nullif(r.port_number, '') as port_id,
    nullif(r.org_name, '') as network,
    coalesce(sk.state, nullif(btrim(r.state), '')) as state,
    core.timestamptz_or_null(r.plug_in_text) as plug_in_at,
    coalesce(
        core.timestamptz_or_null(r.plug_in_text)
        + make_interval(secs => core.minutes_of_duration(r.total_duration) * 60),
        core.timestamptz_or_null(r.plug_out_text)
    ) as plug_out_at,
    null::timestamptz as charge_start_at,
    null::timestamptz as charge_end_at,
    core.minutes_of_duration(r.charging_time) as charging_minutes,
    core.number_or_null(r.energy_kwh) as energy_kwh,
    null::double precision as peak_kw,
    null::text as error_code,
    nullif(r.ended_by, '') as ended_by,
    null::text as payment_method,
    nullif(r.user_hash, '') as user_hash,
    nullif(r.time_zone, '') as time_zone,
    null::double precision as rated_kw,
    null::text as status_source,
    true as is_final,
    r.start_date || ' ' || r.start_time_zone as start_text,
    case
        when core.minutes_of_duration(r.total_duration) is not null then r.total_duration
        else r.end_date || ' ' || r.end_time_zone
    end as end_text,
    r.energy_kwh as energy_text
from raw.chargepoint_session as r
left join core.state_key as sk on sk.key = lower(btrim(r.state));
