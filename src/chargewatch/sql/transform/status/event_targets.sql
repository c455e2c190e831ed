-- The (port, month) pairs whose status intervals a load of an event feed
-- changes: every month, from its first event to the end of its watch, of each
-- port the load listed, of every port of a station the load gave a
-- station-wide status or a message of (with %(everything)s, every port: the
-- feed's setting changed). An event anywhere in a port's history
-- can end the one before it, so the port is rebuilt whole. A port's events are
-- its own and its station's station-wide ones (core.port.whole_station); it is
-- watched until the newest file that listed it, its station, or a message of
-- its charger (until_at).
-- Each month is rebuilt whole (starts_at, ends_at: all time).
-- Grain: one row per (port_pk, month).
create temporary table interval_target on commit drop as
with listed as (
    select distinct p.port_pk, p.station_id, p.whole_station
    from {observation} as o
    inner join core.port as p on p.source = %(source)s and p.port_key = o.port_key
    where o.load_id = %(load_id)s and o.port_key is not null
),

touched_stations as (
    select station_id from listed where whole_station
    union
    select c.station_id
    from pg_temp.load_contact as c
),

touched as (
    select port_pk from listed where not whole_station
    union
    select p.port_pk
    from core.port as p
    inner join touched_stations as s on s.station_id = p.station_id
    where p.source = %(source)s and not p.whole_station
    union
    select p.port_pk
    from core.port as p
    where p.source = %(source)s and not p.whole_station and %(everything)s
),

watched as (
    select
        t.port_pk,
        min(e.observed_at) as first_at,
        greatest(max(s.last_seen), max(c.seen_until)) as until_at
    from touched as t
    inner join core.port as p on p.port_pk = t.port_pk
    inner join core.port as s
        on
            s.source = p.source
            and s.station_id = p.station_id
            and (s.port_pk = p.port_pk or s.whole_station)
    inner join core.status_event as e on e.port_pk = s.port_pk
    left join lateral (
        select max(k.seen_until) as seen_until
        from core.status_contact as k
        where k.source = p.source and k.station_id = p.station_id
    ) as c on true
    group by t.port_pk
)

select
    w.port_pk,
    m.month::date as month,
    '-infinity'::timestamptz as starts_at,
    'infinity'::timestamptz as ends_at,
    w.until_at
from watched as w
cross join lateral generate_series(
    date_trunc('month', w.first_at at time zone 'UTC'),
    date_trunc('month', w.until_at at time zone 'UTC'),
    interval '1 month'
) as m (month)
