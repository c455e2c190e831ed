-- reporting.session: one row per charging session of every session source.
-- Grain: one row per (source, session_id).
create view reporting.session as
select
    s.source,
    s.session_id,
    s.station_id,
    s.port_id,
    s.network,
    s.state,
    s.plug_in_at,
    s.plug_out_at,
    round((extract(epoch from s.plug_out_at - s.plug_in_at) / 60)::numeric, 3)::float8
        as plugged_minutes,
    s.charge_start_at,
    s.charge_end_at,
    s.charging_minutes,
    s.energy_kwh,
    s.peak_kw,
    s.error_code,
    s.ended_by,
    s.payment_method,
    s.user_hash,
    s.time_zone,
    s.rated_kw,
    s.status_source,
    array_to_string(s.flags, ' ') as flags,
    s.load_id,
    s.line_number
from core.session as s;

comment on view reporting.session is
    'One row per charging session (source, session_id), as the newest load that gave it has '
    'it: EV Charging Use Data Specification fields where the source gives them. What '
    'chargewatch sessions sums.';
comment on column reporting.session.source is 'The session source, such as evchart.';
comment on column reporting.session.session_id is 'The session''s ID in its source.';
comment on column reporting.session.station_id is
    'The station (charger) of the session as its source names it.';
comment on column reporting.session.port_id is 'The port (connector) of the session, if given.';
comment on column reporting.session.network is 'The network or provider, if given.';
comment on column reporting.session.state is
    'The station''s state or province as the source gives it (two letters in the US).';
comment on column reporting.session.plug_in_at is 'When the vehicle was plugged in (UTC).';
comment on column reporting.session.plug_out_at is 'When it was unplugged (UTC).';
comment on column reporting.session.plugged_minutes is 'plug_out_at - plug_in_at, minutes.';
comment on column reporting.session.charge_start_at is
    'When energy began to flow (UTC), where the source tells it apart from plug-in.';
comment on column reporting.session.charge_end_at is 'When energy stopped flowing (UTC).';
comment on column reporting.session.charging_minutes is
    'Minutes energy flowed, where the source gives it.';
comment on column reporting.session.energy_kwh is 'Energy delivered, kWh.';
comment on column reporting.session.peak_kw is 'Peak power during the session, kW.';
comment on column reporting.session.error_code is 'The session''s error, as the source gives it.';
comment on column reporting.session.ended_by is 'What ended the session, as the source gives it.';
comment on column reporting.session.payment_method is 'How the session was paid for.';
comment on column reporting.session.user_hash is
    'SHA-256 of the source''s user ID (never the ID itself); null when not given.';
comment on column reporting.session.time_zone is
    'The time zone of the station, for reporting times in local time.';
comment on column reporting.session.rated_kw is
    'The port''s rated power, kW, where the session source gives it.';
comment on column reporting.session.status_source is
    'The status source whose ports and stations the session''s IDs name (ocpi for OCPI '
    'Sessions and CDRs): their outages and opening hours count in utilization.';
comment on column reporting.session.flags is
    'The specification''s validation warnings, space-separated: UNDER_1_MINUTE, '
    'OVER_2880_MINUTES, UNDER_0_5_KWH, OVER_250_KWH, POWER_OVER_RATING. Flagged, not dropped.';
comment on column reporting.session.load_id is 'The load that gave this version of the session.';
comment on column reporting.session.line_number is 'Its line in that load''s file.';
