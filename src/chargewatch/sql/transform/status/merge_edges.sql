-- Runs the cut split and the rebuild left apart are one again: where an interval
-- ends at an edge of a target's changed time (its start, then its end:
-- %(at_end)s) and the next starts there, in the same month with the same status,
-- the first takes in the second (SPEC §4b: intervals are runs). The one before
-- an edge is the one that starts last before it (an index probe).
-- Grain: one row per (port_pk, starts_at).
with edges as (
    select distinct
        t.port_pk,
        t.month,
        case when %(at_end)s then t.ends_at else t.starts_at end as at
    from pg_temp.interval_target as t
),

pairs as (
    select b.port_pk, b.starts_at as first_start, a.starts_at as second_start, a.ends_at
    from edges as e
    inner join core.port_status_interval as a
        on a.port_pk = e.port_pk and a.month = e.month and a.starts_at = e.at
    cross join lateral (
        select l.*
        from core.port_status_interval as l
        where l.port_pk = e.port_pk and l.starts_at < e.at
        order by l.starts_at desc
        limit 1
    ) as b
    where b.ends_at = e.at and b.month = e.month and b.status = a.status
),

gone as (
    delete from core.port_status_interval as i
    using pairs as p
    where i.port_pk = p.port_pk and i.starts_at = p.second_start
)

update core.port_status_interval as i
set ends_at = p.ends_at
from pairs as p
where i.port_pk = p.port_pk and i.starts_at = p.first_start
