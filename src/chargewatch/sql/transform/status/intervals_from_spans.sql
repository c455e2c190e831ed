-- The status intervals of the target ports and months (pg_temp.interval_target)
-- from what the feed observed (pg_temp.status_span): split at month boundaries
-- (UTC), each run of one status within a month one row.
-- Grain: one row per (port_pk, starts_at).
insert into core.port_status_interval (port_pk, month, starts_at, ends_at, status)
with bounds as (
    select
        t.port_pk,
        t.month,
        t.month::timestamp at time zone 'UTC' as month_start,
        (t.month + interval '1 month')::timestamp at time zone 'UTC' as month_end
    from pg_temp.interval_target as t
),

pieces as (
    select
        b.port_pk,
        b.month,
        greatest(s.starts_at, b.month_start) as starts_at,
        least(s.ends_at, b.month_end) as ends_at,
        s.status
    from bounds as b
    inner join pg_temp.status_span as s
        on s.port_pk = b.port_pk and s.starts_at < b.month_end and s.ends_at > b.month_start
),

marked as (
    select
        p.*,
        case
            when lag(p.ends_at) over w = p.starts_at and lag(p.status) over w = p.status then 0
            else 1
        end as starts_run
    from pieces as p
    window w as (partition by p.port_pk, p.month order by p.starts_at)
),

runs as (
    select
        m.*,
        sum(m.starts_run) over (partition by m.port_pk, m.month order by m.starts_at) as run
    from marked as m
)

select port_pk, month, min(starts_at) as starts_at, max(ends_at) as ends_at, status
from runs
group by port_pk, month, run, status
