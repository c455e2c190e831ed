-- core.anomaly_session_energy: a session that delivered more energy than its
-- port could in the time it was plugged in: average power above 1.1 times the
-- port's rating (the session's rated_kw, else the status feed's power_kw for
-- that port, core.session_port; a rating of 0 or less is no rating), or above
-- 1.1 * 350 kW (no charger is faster) when neither is known.
-- score = average kW / that limit.
-- Grain: one row per (source, session_id).
drop view if exists core.anomaly_session_energy cascade;

create view core.anomaly_session_energy as
with rated as (
    select
        s.source,
        s.session_id,
        s.station_id,
        s.port_id,
        s.plug_in_at,
        s.plug_out_at,
        s.energy_kwh,
        p.port_pk,
        extract(epoch from s.plug_out_at - s.plug_in_at) / 3600 as hours,
        coalesce(
            case when s.rated_kw > 0 then s.rated_kw end,
            case when p.power_kw > 0 then p.power_kw::float8 end
        ) as rated_kw
    from core.session as s
    left join core.session_port as sp on sp.source = s.source and sp.session_id = s.session_id
    left join core.port as p on p.port_pk = sp.port_pk
    where s.energy_kwh > 0 and s.plug_out_at > s.plug_in_at
)

select
    'session_energy' as kind,
    'IMPOSSIBLE_ENERGY' as reason_code,
    port_pk,
    source,
    station_id,
    port_id,
    session_id,
    plug_in_at as started_at,
    plug_out_at as ended_at,
    false as is_open,
    energy_kwh / hours / (1.1 * coalesce(rated_kw, 350)) as score,
    format(
        'session %s: %s kWh in %s h is %s kW on average; the port %s',
        session_id, round(energy_kwh::numeric, 2), round(hours::numeric, 2),
        round((energy_kwh / hours)::numeric, 1),
        case
            when rated_kw is not null then format('is rated %s kW', round(rated_kw::numeric, 1))
            else 'has no rating, and no charger passes 350 kW'
        end
    ) as evidence
from rated
where energy_kwh / hours > 1.1 * coalesce(rated_kw, 350);
