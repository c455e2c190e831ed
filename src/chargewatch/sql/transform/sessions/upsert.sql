-- A session load's lines that were not quarantined into core.session: a session
-- already there (an earlier load, an overlapping export) takes this load's values,
-- unless it is final (an OCPI CDR) and this line is not (its Session).
-- flags: the EV Charging Use Data Specification's validation warnings, kept.
-- {staging} is the source's core.stg_<name>__session.
insert into core.session (
    source, session_id, station_id, port_id, network, state, plug_in_at, plug_out_at,
    charge_start_at, charge_end_at, charging_minutes, energy_kwh, peak_kw, error_code,
    ended_by, payment_method, user_hash, time_zone, rated_kw, status_source, is_final, flags, load_id,
    line_number
)
select
    %(source)s,
    s.session_id,
    s.station_id,
    s.port_id,
    s.network,
    s.state,
    s.plug_in_at,
    s.plug_out_at,
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
    s.is_final,
    array_remove(array[
        case when s.plug_out_at - s.plug_in_at < interval '1 minute' then 'UNDER_1_MINUTE' end,
        case when s.plug_out_at - s.plug_in_at > interval '2880 minutes'
            then 'OVER_2880_MINUTES' end,
        case when s.energy_kwh < 0.5 then 'UNDER_0_5_KWH' end,
        case when s.energy_kwh > 250 then 'OVER_250_KWH' end,
        case
            when s.rated_kw > 0
                and s.energy_kwh
                / (extract(epoch from s.plug_out_at - s.plug_in_at) / 3600) > 1.1 * s.rated_kw
                then 'POWER_OVER_RATING'
        end
    ], null),
    s.load_id,
    s.line_number
from {staging} as s
where
    s.load_id = %(load_id)s
    and not exists (
        select from core.quarantine as q
        where q.load_id = s.load_id and q.line_number = s.line_number
    )
on conflict (source, session_id) do update set
    station_id = excluded.station_id,
    port_id = excluded.port_id,
    network = excluded.network,
    state = excluded.state,
    plug_in_at = excluded.plug_in_at,
    plug_out_at = excluded.plug_out_at,
    charge_start_at = excluded.charge_start_at,
    charge_end_at = excluded.charge_end_at,
    charging_minutes = excluded.charging_minutes,
    energy_kwh = excluded.energy_kwh,
    peak_kw = excluded.peak_kw,
    error_code = excluded.error_code,
    ended_by = excluded.ended_by,
    payment_method = excluded.payment_method,
    user_hash = excluded.user_hash,
    time_zone = excluded.time_zone,
    rated_kw = excluded.rated_kw,
    status_source = excluded.status_source,
    is_final = excluded.is_final,
    flags = excluded.flags,
    load_id = excluded.load_id,
    line_number = excluded.line_number
where excluded.is_final or not core.session.is_final
