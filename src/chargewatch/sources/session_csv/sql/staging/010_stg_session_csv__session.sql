-- core.stg_session_csv__session: each line of a session CSV typed into
-- core.session's columns (chargewatch.warehouse.sessions), beside the raw text
-- the quarantine rules name. Times are ISO 8601 with an offset, or local times in
-- the line's time_zone (IANA). charging_minutes is given, else worked out from
-- charge_start_at and charge_end_at. A time_zone PostgreSQL does not know is
-- dropped (null: reported in UTC; a local time in it is quarantined), so that
-- no report fails on it. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_session_csv__session;

create view core.stg_session_csv__session as
with typed as (
    select
        r.*,
        core.timestamptz_in_zone(r.charge_start_at, r.time_zone) as charge_start,
        core.timestamptz_in_zone(r.charge_end_at, r.time_zone) as charge_end
    from raw.session_csv as r
)

select
    t.load_id,
    t.line_number,
    t.session_id,
    nullif(t.station_id, '') as station_id,
    nullif(t.port_id, '') as port_id,
    nullif(t.network, '') as network,
    coalesce(sk.state, nullif(btrim(t.state), '')) as state,
    core.timestamptz_in_zone(t.plug_in_at, t.time_zone) as plug_in_at,
    core.timestamptz_in_zone(t.plug_out_at, t.time_zone) as plug_out_at,
    t.charge_start as charge_start_at,
    t.charge_end as charge_end_at,
    coalesce(
        core.number_or_null(t.charging_minutes),
        round((extract(epoch from t.charge_end - t.charge_start) / 60)::numeric, 3)::float8
    ) as charging_minutes,
    core.number_or_null(t.energy_kwh) as energy_kwh,
    core.number_or_null(t.peak_kw) as peak_kw,
    core.error_or_null(t.error_code) as error_code,
    nullif(t.ended_by, '') as ended_by,
    nullif(t.payment_method, '') as payment_method,
    nullif(t.user_hash, '') as user_hash,
    tz.name as time_zone,
    core.number_or_null(t.rated_kw) as rated_kw,
    nullif(btrim(t.status_source), '') as status_source,
    true as is_final,
    t.plug_in_at as start_text,
    t.plug_out_at as end_text,
    t.energy_kwh as energy_text
from typed as t
left join core.state_key as sk on sk.key = lower(btrim(t.state))
left join pg_catalog.pg_timezone_names as tz on tz.name = btrim(t.time_zone);
