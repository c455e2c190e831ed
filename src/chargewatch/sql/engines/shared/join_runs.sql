-- Step 3 of the shared month build: the month's intervals, each run of one
-- status in the observed spans of step 2 (cw_span: port_key, starts_at,
-- ends_at, status; times in microseconds) joined into one.
-- Grain: one row per (port_key, starts_at).
with marked as (
    select
        s.port_key,
        s.starts_at,
        s.ends_at,
        s.status,
        case
            when lag(s.ends_at) over w = s.starts_at and lag(s.status) over w = s.status then 0
            else 1
        end as starts_run
    from cw_span as s
    window w as (partition by s.port_key order by s.starts_at)
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
