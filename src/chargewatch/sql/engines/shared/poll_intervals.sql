-- The status intervals of a polled feed's ports in one month, from scratch.
-- One text for both engines (PostgreSQL and Spark SQL): times are integers,
-- microseconds since 1970-01-01 UTC, so no engine's date functions are used.
-- Inputs, bound by the engine:
--   cw_month (month_start, month_end, max_gap): the month and the feed's gap;
--   cw_poll (polled_at, succeeded): the feed's polls from max_gap before the
--     month to its end;
--   cw_port (port_key, whole_station): every port the feed has listed;
--   cw_observation (port_key, observed_at, status): what those polls listed.
-- A successful poll's status holds until the feed's next poll, successful or
-- failed, at most max_gap; a port it does not list was available; a failed
-- poll observed nothing; two listings of a port in one poll: the more severe
-- stands (SPEC §4b). Runs of one status are joined.
-- Grain: one row per (port_key, starts_at).
with polls as (
    select
        p.polled_at,
        p.succeeded,
        lead(p.polled_at) over (order by p.polled_at) as next_at
    from cw_poll as p
),

spans as (
    select
        p.polled_at,
        greatest(p.polled_at, m.month_start) as starts_at,
        least(coalesce(p.next_at, p.polled_at + m.max_gap), p.polled_at + m.max_gap, m.month_end)
            as ends_at
    from polls as p
    cross join cw_month as m
    where p.succeeded
),

listed as (
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

observed as (
    select
        t.port_key,
        s.starts_at,
        s.ends_at,
        coalesce(l.status, 'available') as status
    from cw_port as t
    cross join spans as s
    left join listed as l
        on l.port_key = t.port_key and l.observed_at = s.polled_at and l.nth = 1
    where s.ends_at > s.starts_at and not t.whole_station
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
