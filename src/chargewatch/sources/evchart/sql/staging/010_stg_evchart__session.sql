-- core.stg_evchart__session: each line of an EV-ChART export typed into
-- core.session's columns (chargewatch.warehouse.sessions), beside the raw text
-- the quarantine rules name. A session's station is its charger (EVSE), as the
-- export's station_id is often empty; its port is port_id (connector_id when
-- that is empty). Times are UTC; the export gives no plug-in/charging split.
-- Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_evchart__session;

create view core.stg_evchart__session as
select
    r.load_id,
    r.line_number,
    r.session_id,
    coalesce(nullif(r.station_id, ''), nullif(r.charger_id, ''), nullif(r.evse_id, ''))
        as station_id,
    nullif(r.port_id, '') as port_id,
    nullif(r.provider_id, '') as network,
    null::text as state,
    core.timestamptz_or_null(r.session_start) as plug_in_at,
    core.timestamptz_or_null(r.session_end) as plug_out_at,
    null::timestamptz as charge_start_at,
    null::timestamptz as charge_end_at,
    null::double precision as charging_minutes,
    core.number_or_null(r.energy_kwh)::double precision as energy_kwh,
    core.number_or_null(r.peak_power_kw)::double precision as peak_kw,
    core.error_or_null(r.session_error) as error_code,
    null::text as ended_by,
    nullif(r.payment_method, '') as payment_method,
    null::text as user_hash,
    'UTC' as time_zone,
    null::double precision as rated_kw,
    null::text as status_source,
    true as is_final,
    r.session_start as start_text,
    r.session_end as end_text,
    r.energy_kwh as energy_text
from raw.evchart_session as r;
