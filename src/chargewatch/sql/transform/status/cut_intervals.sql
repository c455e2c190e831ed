-- The status intervals that cross the edge of a target's changed time
-- (pg_temp.interval_target: starts_at, ends_at) are cut there; the part
-- outside stays, the part inside is rebuilt (SPEC §4b: a load rebuilds only
-- what it changes). First the part after the end of the one crossing the end;
-- then the one crossing the start, and the one crossing the end, end at the
-- edge; then what lies inside goes. Each crossing interval is the one that
-- starts last before its edge (an index probe, not a scan of the month).
-- Grain: one row per (port_pk, starts_at).
insert into core.port_status_interval (port_pk, month, starts_at, ends_at, status)
select i.port_pk, i.month, t.ends_at, i.ends_at, i.status
from pg_temp.interval_target as t
cross join lateral (
    select l.*
    from core.port_status_interval as l
    where l.port_pk = t.port_pk and l.starts_at < t.ends_at
    order by l.starts_at desc
    limit 1
) as i
where i.month = t.month and i.ends_at > t.ends_at;

update core.port_status_interval as i
set ends_at = t.starts_at
from pg_temp.interval_target as t
where
    i.port_pk = t.port_pk
    and i.month = t.month
    and i.starts_at = (
        select max(l.starts_at)
        from core.port_status_interval as l
        where l.port_pk = t.port_pk and l.starts_at < t.starts_at
    )
    and i.ends_at > t.starts_at;

update core.port_status_interval as i
set ends_at = t.ends_at
from pg_temp.interval_target as t
where
    i.port_pk = t.port_pk
    and i.month = t.month
    and i.starts_at = (
        select max(l.starts_at)
        from core.port_status_interval as l
        where l.port_pk = t.port_pk and l.starts_at < t.ends_at
    )
    and i.ends_at > t.ends_at;

delete from core.port_status_interval as i
using pg_temp.interval_target as t
where
    i.port_pk = t.port_pk
    and i.month = t.month
    and i.starts_at >= t.starts_at
    and i.starts_at < t.ends_at
    and i.ends_at <= t.ends_at
