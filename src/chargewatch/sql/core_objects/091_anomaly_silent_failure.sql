-- core.anomaly_silent_failure: a port its status feed calls available that has
-- no session while its station's other ports have many. A quiet day (UTC) is one
-- on which the port was observed, available at least half that time, never out
-- of order, and no session at it began. Over a run of consecutive quiet days,
-- the sessions its station's other ports had, divided by their number, are the
-- sessions it could have expected; with five or more expected, none happening
-- has a chance under 1% (Poisson): flagged, score = expected / 5. Sessions name
-- their port through core.session_port. A run still going on the port's last
-- observed day is open.
-- Grain: one row per (port_pk, started_at).
drop view if exists core.anomaly_silent_failure cascade;

create view core.anomaly_silent_failure as
with pieces as (
    select
        i.port_pk,
        d.day::date as day,
        i.status,
        extract(epoch from
            least(i.ends_at, (d.day + interval '1 day') at time zone 'UTC')
            - greatest(i.starts_at, d.day at time zone 'UTC')) / 60 as minutes
    from core.port_status_interval as i
    cross join lateral generate_series(
        date_trunc('day', i.starts_at at time zone 'UTC'),
        i.ends_at at time zone 'UTC' - interval '1 microsecond',
        interval '1 day'
    ) as d (day)
),

watched as (
    select
        port_pk,
        ((max(ends_at) - interval '1 microsecond') at time zone 'UTC')::date as last_day
    from core.port_status_interval
    group by port_pk
),

used as (
    select port_pk, day, minutes, status, 0 as sessions
    from pieces
    union all
    select sp.port_pk, (s.plug_in_at at time zone 'UTC')::date, 0, null, 1
    from core.session as s
    inner join core.session_port as sp on sp.source = s.source and sp.session_id = s.session_id
),

port_day as (
    select
        u.port_pk,
        u.day,
        sum(u.minutes) as observed_minutes,
        coalesce(sum(u.minutes) filter (where u.status = 'available'), 0) as available_minutes,
        coalesce(sum(u.minutes) filter (where u.status in ('out_of_service', 'offline')), 0)
            as outage_minutes,
        sum(u.sessions) as sessions
    from used as u
    group by u.port_pk, u.day
),

station_ports as (
    select source, station_id, count(*) as ports
    from core.port
    where not whole_station
    group by source, station_id
),

with_peers as (
    select
        d.*,
        p.source,
        p.station_id,
        sum(d.sessions) over (partition by p.source, p.station_id, d.day) - d.sessions
            as peer_sessions,
        sp.ports - 1 as peer_ports
    from port_day as d
    inner join core.port as p on p.port_pk = d.port_pk
    inner join station_ports as sp on sp.source = p.source and sp.station_id = p.station_id
),

quiet as (
    select *
    from with_peers
    where
        peer_ports > 0
        and sessions = 0
        and observed_minutes > 0
        and outage_minutes = 0
        and available_minutes >= observed_minutes / 2
),

runs as (
    select
        port_pk,
        source,
        station_id,
        min(day) as first_day,
        max(day) as last_day,
        count(*) as days,
        sum(peer_sessions) as peer_sessions,
        sum(peer_sessions)::float8 / max(peer_ports) as expected
    from (
        select q.*, q.day - (row_number() over (partition by q.port_pk order by q.day))::int as run
        from quiet as q
    ) as r
    group by port_pk, source, station_id, run
)

select
    'silent_failure' as kind,
    'SILENT_FAILURE' as reason_code,
    r.port_pk,
    r.source,
    r.station_id,
    r.first_day::timestamp at time zone 'UTC' as started_at,
    case
        when r.last_day < w.last_day then (r.last_day + 1)::timestamp at time zone 'UTC'
    end as ended_at,
    r.last_day >= w.last_day as is_open,
    r.expected / 5 as score,
    format(
        'available but no session on %s day%s from %s, while the station''s other ports had '
        '%s sessions (%s expected at this port)',
        r.days, case when r.days = 1 then '' else 's' end, r.first_day, r.peer_sessions,
        round(r.expected::numeric, 1)
    ) as evidence
from runs as r
inner join watched as w on w.port_pk = r.port_pk
where r.expected >= 5;
