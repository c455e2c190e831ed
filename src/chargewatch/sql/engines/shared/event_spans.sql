-- Step 2 of the shared month build (becomes cw_span): what an event feed observed
-- of its ports in one month, in spans of one status. One text for both engines
-- (PostgreSQL and Spark SQL): times are integers, microseconds since
-- 1970-01-01 UTC, so no engine's date functions are used.
-- Inputs, bound by the engine:
--   cw_month (month_start, month_end, offline_after): the month, and how long
--     a charger may say nothing before it is offline (null: three heartbeat
--     intervals from its last boot, else 15 minutes);
--   cw_port (port_key, station_id, whole_station, until_at): every port of
--     the feed, whether it stands for its whole station (OCPP connector 0),
--     and the newest time a file listed it;
--   cw_observation (port_key, observed_at, status): the ports' events up to
--     the month's end;
--   cw_contact (station_id, said_at, seen_until, heartbeat_interval, spoke):
--     every message of the feed's chargers (none for a feed without them).
-- A port's events are its own and its station's station-wide ones; each holds
-- until the port's next, the last until the end of its watch (the newest file
-- that listed it or its station, or held a message of its charger); two at
-- one time: the more severe stands. Where a charger said nothing for longer
-- than offline_after, its ports were offline from its last message until it
-- spoke again or its watch ended (SPEC §4b); cw_status_rank (step 1) says
-- which status is more severe.
-- Grain: one row per (port_key, starts_at).
with heard as (
    select
        c.station_id,
        max(c.seen_until) as seen_until
    from cw_contact as c
    group by c.station_id
),

watched as (
    select
        t.port_key,
        t.station_id,
        greatest(max(s.until_at), max(h.seen_until)) as until_at
    from cw_port as t
    inner join cw_port as s
        on s.station_id = t.station_id and (s.port_key = t.port_key or s.whole_station)
    left join heard as h on h.station_id = t.station_id
    where not t.whole_station
    group by t.port_key, t.station_id
),

events as (
    select
        w.port_key,
        o.observed_at,
        o.status,
        row_number() over (
            partition by w.port_key, o.observed_at
            order by coalesce(k.status_rank, 0) desc
        ) as nth
    from watched as w
    inner join cw_port as s
        on s.station_id = w.station_id and (s.port_key = w.port_key or s.whole_station)
    inner join cw_observation as o on o.port_key = s.port_key
    left join cw_status_rank as k on k.status = o.status
),

held as (
    select
        e.port_key,
        e.observed_at as starts_at,
        coalesce(
            lead(e.observed_at) over (partition by e.port_key order by e.observed_at), w.until_at
        ) as ends_at,
        e.status
    from events as e
    inner join watched as w on w.port_key = e.port_key
    where e.nth = 1
),

contacts as (
    select
        c.station_id,
        c.said_at,
        lead(c.said_at) over w as next_at,
        h.seen_until,
        c.heartbeat_interval,
        count(c.heartbeat_interval) over w as boots
    from cw_contact as c
    inner join heard as h on h.station_id = c.station_id
    where c.spoke
    window w as (partition by c.station_id order by c.said_at)
),

silences as (
    select
        c.station_id,
        c.said_at as starts_at,
        coalesce(c.next_at, c.seen_until) as ends_at,
        coalesce(
            m.offline_after,
            3 * first_value(c.heartbeat_interval) over (
                partition by c.station_id, c.boots order by c.said_at
            ),
            900000000
        ) as offline_after
    from contacts as c
    cross join cw_month as m
),

offline as (
    select
        w.port_key,
        s.starts_at,
        s.ends_at
    from silences as s
    inner join watched as w on w.station_id = s.station_id
    where s.ends_at - s.starts_at > s.offline_after
),

cuts as (
    select port_key, starts_at as cut_at from held
    union
    select port_key, ends_at from held
    union
    select port_key, starts_at from offline
    union
    select port_key, ends_at from offline
),

pieces as (
    select
        c.port_key,
        c.cut_at as starts_at,
        lead(c.cut_at) over (partition by c.port_key order by c.cut_at) as ends_at
    from cuts as c
),

observed as (
    select
        p.port_key,
        greatest(p.starts_at, m.month_start) as starts_at,
        least(p.ends_at, m.month_end) as ends_at,
        case when o.port_key is not null then 'offline' else h.status end as status
    from pieces as p
    cross join cw_month as m
    inner join held as h
        on h.port_key = p.port_key and h.starts_at <= p.starts_at and h.ends_at >= p.ends_at
    left join offline as o
        on o.port_key = p.port_key and o.starts_at <= p.starts_at and o.ends_at >= p.ends_at
    where p.ends_at > p.starts_at and p.starts_at < m.month_end and p.ends_at > m.month_start
)

select
    o.port_key,
    o.starts_at,
    o.ends_at,
    o.status
from observed as o
where o.ends_at > o.starts_at
