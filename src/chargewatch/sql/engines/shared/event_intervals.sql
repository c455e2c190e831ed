-- The status intervals of an event feed's ports in one month, from scratch.
-- One text for both engines (PostgreSQL and Spark SQL): times are integers,
-- microseconds since 1970-01-01 UTC, so no engine's date functions are used.
-- Inputs, bound by the engine:
--   cw_month (month_start, month_end): the month;
--   cw_port (port_key, until_at): every port of the feed and the newest time
--     a file listed it (its watch ends there);
--   cw_observation (port_key, observed_at, status): the ports' events up to
--     the month's end (at least the last before the month).
-- Each event's status holds until the port's next event, the last until the
-- end of its watch; two events of a port at one time: the more severe stands
-- (SPEC §4b). Runs of one status are joined.
-- Grain: one row per (port_key, starts_at).
with events as (
    select
        o.port_key,
        o.observed_at,
        o.status,
        row_number() over (
            partition by o.port_key, o.observed_at
            order by
                case o.status
                    when 'out_of_service' then 6
                    when 'offline' then 5
                    when 'in_use' then 4
                    when 'reserved' then 3
                    when 'not_in_service' then 2
                    when 'available' then 1
                    else 0
                end desc
        ) as nth
    from cw_observation as o
),

held as (
    select
        e.port_key,
        e.observed_at as event_at,
        coalesce(
            lead(e.observed_at) over (partition by e.port_key order by e.observed_at), p.until_at
        ) as held_until,
        e.status
    from events as e
    inner join cw_port as p on p.port_key = e.port_key
    where e.nth = 1
),

observed as (
    select
        h.port_key,
        greatest(h.event_at, m.month_start) as starts_at,
        least(h.held_until, m.month_end) as ends_at,
        h.status
    from held as h
    cross join cw_month as m
    where h.event_at < m.month_end and h.held_until > m.month_start
),

marked as (
    select
        o.port_key,
        o.starts_at,
        o.ends_at,
        o.status,
        case
            when lag(o.ends_at) over w = o.starts_at and lag(o.status) over w = o.status then 0
            else 1
        end as starts_run
    from observed as o
    where o.ends_at > o.starts_at
    window w as (partition by o.port_key order by o.starts_at)
),

runs as (
    select
        m.port_key,
        m.starts_at,
        m.ends_at,
        m.status,
        sum(m.starts_run) over (partition by m.port_key order by m.starts_at) as run
    from marked as m
)

select
    r.port_key,
    min(r.starts_at) as starts_at,
    max(r.ends_at) as ends_at,
    r.status
from runs as r
group by r.port_key, r.run, r.status
