-- What an event feed observed of the target ports (pg_temp.interval_target), in
-- their changed time (from starts_at): each event's status holds until the
-- port's next event, and the last one
-- until the end of the port's watch (until_at); a port's events are its own and
-- its station's station-wide ones, the more severe standing where two fall at
-- one time. Where a charger sent no message for longer than %(offline_after)s
-- (when null: three of the heartbeat intervals its last BootNotification was
-- answered with, else 15 minutes), its ports were offline from its last message
-- until it spoke again, or to the end of the newest log that holds any message
-- of it (SPEC §4b).
-- Grain: one row per (port_pk, starts_at).
create temporary table status_span on commit drop as
with ports as (
    select distinct t.port_pk, t.starts_at, t.until_at, p.source, p.station_id
    from pg_temp.interval_target as t
    inner join core.port as p on p.port_pk = t.port_pk
),

events as (
    select distinct on (t.port_pk, e.observed_at)
        t.port_pk,
        e.observed_at,
        e.status
    from ports as t
    inner join core.port as s
        on
            s.source = t.source
            and s.station_id = t.station_id
            and (s.port_pk = t.port_pk or s.whole_station)
    inner join core.status_event as e on e.port_pk = s.port_pk and e.observed_at >= t.starts_at
    order by t.port_pk, e.observed_at, core.port_status_rank(e.status) desc
),

held as (
    select
        e.port_pk,
        e.observed_at as starts_at,
        coalesce(
            lead(e.observed_at) over (partition by e.port_pk order by e.observed_at), t.until_at
        ) as ends_at,
        e.status
    from events as e
    inner join ports as t on t.port_pk = e.port_pk
),

watched as (
    select c.station_id, max(c.seen_until) as seen_until
    from core.status_contact as c
    where c.source = %(source)s and c.station_id in (select station_id from ports)
    group by c.station_id
),

contacts as (
    select
        c.station_id,
        c.said_at,
        lead(c.said_at) over w as next_at,
        v.seen_until,
        c.heartbeat_interval,
        count(c.heartbeat_interval) over w as boots
    from core.status_contact as c
    inner join watched as v on v.station_id = c.station_id
    where c.source = %(source)s and c.spoke
    window w as (partition by c.station_id order by c.said_at)
),

silences as (
    select
        c.station_id,
        c.said_at as starts_at,
        coalesce(c.next_at, c.seen_until) as ends_at,
        coalesce(
            %(offline_after)s::interval,
            3 * first_value(c.heartbeat_interval) over (
                partition by c.station_id, c.boots order by c.said_at
            ),
            interval '15 minutes'
        ) as offline_after
    from contacts as c
),

offline as (
    select t.port_pk, s.starts_at, s.ends_at
    from silences as s
    inner join ports as t on t.station_id = s.station_id
    where s.ends_at - s.starts_at > s.offline_after
),

cuts as (
    select port_pk, starts_at as at from held
    union
    select port_pk, ends_at from held
    union
    select port_pk, starts_at from offline
    union
    select port_pk, ends_at from offline
),

pieces as (
    select port_pk, at as starts_at, lead(at) over (partition by port_pk order by at) as ends_at
    from cuts
)

select
    p.port_pk,
    p.starts_at,
    p.ends_at,
    case when o.port_pk is not null then 'offline' else h.status end as status
from pieces as p
inner join held as h
    on h.port_pk = p.port_pk and h.starts_at <= p.starts_at and h.ends_at >= p.ends_at
left join offline as o
    on o.port_pk = p.port_pk and o.starts_at <= p.starts_at and o.ends_at >= p.ends_at
where p.ends_at > p.starts_at
