-- The (port, month) pairs whose status intervals a load of an event feed
-- changes: every month, from its first event to the end of its watch, of each
-- port the load listed, of every port of a station the load gave a
-- station-wide status or a message of (with %(everything)s, every port: the
-- feed's setting changed). A port's time changes from its event before the
-- load's first (whose span the load may end) onwards (starts_at; ends_at: no
-- end), so a snapshot appended costs the snapshot, not the port's history. A
-- feed whose stations have station-wide statuses and silences
-- (%(whole_ports)s: OCPP) rebuilds a touched port whole. A port's events are
-- its own and its station's station-wide ones (core.port.whole_station); it is
-- watched until the newest file that listed it, its station, or a message of
-- its charger (until_at).
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

loaded as (
    select p.port_pk, min(o.observed_at) as first_at
    from {observation} as o
    inner join core.port as p on p.source = %(source)s and p.port_key = o.port_key
    where o.load_id = %(load_id)s and o.port_key is not null and not p.whole_station
    group by p.port_pk
),

watched as (
    select
        t.port_pk,
        r.starts_at,
        coalesce(f.first_at, r.starts_at) as first_at,
        greatest(u.last_seen, c.seen_until) as until_at
    from touched as t
    inner join core.port as p on p.port_pk = t.port_pk
    left join loaded as l on l.port_pk = t.port_pk
    cross join lateral (
        select
            case
                when %(everything)s or %(whole_ports)s or l.first_at is null
                    then '-infinity'::timestamptz
                else coalesce(
                    (
                        select max(e.observed_at) from core.status_event as e
                        where e.port_pk = t.port_pk and e.observed_at < l.first_at
                    ),
                    l.first_at
                )
            end as starts_at
    ) as r
    cross join lateral (
        select max(s.last_seen) as last_seen
        from core.port as s
        where
            s.source = p.source
            and s.station_id = p.station_id
            and (s.port_pk = p.port_pk or s.whole_station)
    ) as u
    left join lateral (
        select min(e.observed_at) as first_at
        from core.port as s
        inner join core.status_event as e on e.port_pk = s.port_pk
        where
            r.starts_at = '-infinity'
            and s.source = p.source
            and s.station_id = p.station_id
            and (s.port_pk = p.port_pk or s.whole_station)
    ) as f on true
    left join lateral (
        select max(k.seen_until) as seen_until
        from core.status_contact as k
        where k.source = p.source and k.station_id = p.station_id
    ) as c on true
)

select
    w.port_pk,
    m.month::date as month,
    w.starts_at,
    'infinity'::timestamptz as ends_at,
    w.until_at
from watched as w
cross join lateral generate_series(
    date_trunc('month', w.first_at at time zone 'UTC'),
    date_trunc('month', w.until_at at time zone 'UTC'),
    interval '1 month'
) as m (month)
where w.first_at > '-infinity'
