-- The status intervals of the target ports and months (pg_temp.interval_target)
-- of a polled feed, from its polls and observations (SPEC §4b): a successful
-- poll's status holds until the feed's next poll, successful or failed, at most
-- %(max_gap)s; a port it does not list was available; a failed poll observed
-- nothing. Intervals are split at month boundaries (UTC) and each run of one
-- status within a month is one row.
-- Grain: one row per (port_pk, starts_at).
insert into core.port_status_interval (port_pk, month, starts_at, ends_at, status)
with polls as (
    select
        p.polled_at,
        p.succeeded,
        lead(p.polled_at) over (order by p.polled_at) as next_at
    from core.status_poll as p
    where p.source = %(source)s
),

spans as (
    select
        polled_at as starts_at,
        least(coalesce(next_at, 'infinity'), polled_at + %(max_gap)s::interval) as ends_at
    from polls
    where succeeded
),

bounds as (
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
        coalesce(e.status, 'available') as status
    from bounds as b
    inner join spans as s on s.starts_at < b.month_end and s.ends_at > b.month_start
    left join core.status_event as e on e.port_pk = b.port_pk and e.observed_at = s.starts_at
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
