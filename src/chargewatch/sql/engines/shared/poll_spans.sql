-- Step 2 of the shared month build (becomes cw_span): what a polled feed observed
-- of its ports in one month, in spans of one status. One text for both engines
-- (PostgreSQL and Spark SQL): times are integers, microseconds since
-- 1970-01-01 UTC, so no engine's date functions are used.
-- Inputs, bound by the engine:
--   cw_month (month_start, month_end, max_gap): the month and the feed's gap;
--   cw_poll (polled_at, succeeded): the feed's polls from max_gap before the
--     month to its end;
--   cw_port (port_key, whole_station): every port the feed has listed;
--   cw_observation (port_key, observed_at, status): what those polls listed.
-- A successful poll's status holds until the feed's next poll, successful or
-- failed, at most max_gap; a port it does not list was available; a failed
-- poll observed nothing; two listings of a port in one poll: the more severe
-- stands (SPEC §4b); cw_status_rank (step 1) says which is more severe.
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
            order by coalesce(k.status_rank, 0) desc
        ) as nth
    from cw_observation as o
    left join cw_status_rank as k on k.status = o.status
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
)

select
    o.port_key,
    o.starts_at,
    o.ends_at,
    o.status
from observed as o
where o.ends_at > o.starts_at
