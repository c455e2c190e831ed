-- core.anomaly_silent_failure: a port its status feed calls available that has
-- no session while its station's other ports have many. A quiet day (UTC) is one
-- on which the port was observed, available at least half that time, never out
-- of order, and no session at it began. Over a run of consecutive quiet days,
-- the sessions its station's other ports had, divided by their number, are the
-- sessions it could have expected; with five or more expected, none happening
-- has a chance under 1% (Poisson): flagged, score = expected / 5. Sessions name
-- their port through core.session.status_source.
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

status_day as (
    select
        port_pk,
        day,
        sum(minutes) as observed_minutes,
        coalesce(sum(minutes) filter (where status = 'available'), 0) as available_minutes,
        coalesce(sum(minutes) filter (where status in ('out_of_service', 'offline')), 0)
            as outage_minutes
    from pieces
    group by port_pk, day
),

session_day as (
    select
        p.port_pk,
        (s.plug_in_at at time zone 'UTC')::date as day,
        count(*) as sessions
    from core.session as s
    inner join core.port as p
        on p.source = s.status_source and p.station_id = s.station_id and p.port_id = s.port_id
    group by p.port_pk, (s.plug_in_at at time zone 'UTC')::date
),

station_day as (
    select
        p.source,
        p.station_id,
        d.day,
        sum(d.sessions) as sessions
    from session_day as d
    inner join core.port as p on p.port_pk = d.port_pk
    group by p.source, p.station_id, d.day
),

station_ports as (
    select source, station_id, count(*) as ports
    from core.port
    where not whole_station
    group by source, station_id
),

quiet as (
    select
        d.port_pk,
        p.source,
        p.station_id,
        d.day,
        coalesce(st.sessions, 0) as peer_sessions,
        sp.ports - 1 as peer_ports
    from status_day as d
    inner join core.port as p on p.port_pk = d.port_pk
    inner join station_ports as sp on sp.source = p.source and sp.station_id = p.station_id
    left join station_day as st
        on st.source = p.source and st.station_id = p.station_id and st.day = d.day
    where
        sp.ports > 1
        and d.outage_minutes = 0
        and d.available_minutes >= d.observed_minutes / 2
        and not exists (
            select from session_day as s where s.port_pk = d.port_pk and s.day = d.day
        )
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
    port_pk,
    source,
    station_id,
    first_day::timestamp at time zone 'UTC' as started_at,
    (last_day + 1)::timestamp at time zone 'UTC' as ended_at,
    false as is_open,
    expected / 5 as score,
    format(
        'available but no session on %s day%s from %s, while the station''s other ports had '
        '%s sessions (%s expected at this port)',
        days, case when days = 1 then '' else 's' end, first_day, peer_sessions,
        round(expected::numeric, 1)
    ) as evidence
from runs
where expected >= 5;
