-- core.stg_acn__session: each ACN-Data record typed into core.session's columns
-- (chargewatch.warehouse.sessions), beside the raw text the quarantine rules
-- name. Its station is the EVSE (stationID), its port the parking space it
-- serves (spaceID), its network the ACN site (siteID). Energy flowed from
-- connection to doneChargingTime, or to the disconnection when that is sooner or
-- doneChargingTime is absent. A timezone PostgreSQL does not know is dropped
-- (null: reported in UTC), so that no report fails on it. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_acn__session;

create view core.stg_acn__session as
with typed as (
    select
        r.*,
        core.timestamptz_or_null(r.plug_in_text) as plug_in_at,
        core.timestamptz_or_null(r.plug_out_text) as plug_out_at,
        core.timestamptz_or_null(r.done_text) as done_at
    from raw.acn_session as r
)

select
    t.load_id,
    t.line_number,
    t.session_id,
    nullif(t.station_id, '') as station_id,
    nullif(t.space_id, '') as port_id,
    nullif(t.site_id, '') as network,
    null::text as state,
    t.plug_in_at,
    t.plug_out_at,
    t.plug_in_at as charge_start_at,
    least(t.done_at, t.plug_out_at) as charge_end_at,
    round((extract(epoch from least(t.done_at, t.plug_out_at) - t.plug_in_at) / 60)::numeric, 3)::float8
        as charging_minutes,
    core.number_or_null(t.kwh_delivered) as energy_kwh,
    null::double precision as peak_kw,
    null::text as error_code,
    null::text as ended_by,
    null::text as payment_method,
    nullif(t.user_hash, '') as user_hash,
    tz.name as time_zone,
    null::double precision as rated_kw,
    null::text as status_source,
    true as is_final,
    t.connection_time as start_text,
    t.disconnect_time as end_text,
    t.kwh_delivered as energy_text
from typed as t
left join pg_catalog.pg_timezone_names as tz on tz.name = btrim(t.time_zone);
