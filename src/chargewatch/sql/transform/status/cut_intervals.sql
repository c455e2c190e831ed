-- The status intervals that cross the edge of a target's changed time
-- (pg_temp.interval_target: starts_at, ends_at) are cut there; the part
-- outside stays, the part inside is rebuilt. First the part after the end of
-- those crossing it; then each crossing interval ends at the edge it crosses
-- first (SPEC §4b: a load rebuilds only what it changes).
-- Grain: one row per (port_pk, starts_at).
insert into core.port_status_interval (port_pk, month, starts_at, ends_at, status)
select i.port_pk, i.month, t.ends_at, i.ends_at, i.status
from core.port_status_interval as i
inner join pg_temp.interval_target as t on t.port_pk = i.port_pk and t.month = i.month
where i.starts_at < t.ends_at and i.ends_at > t.ends_at;

update core.port_status_interval as i
set ends_at = case when i.starts_at < t.starts_at then t.starts_at else t.ends_at end
from pg_temp.interval_target as t
where
    t.port_pk = i.port_pk
    and t.month = i.month
    and (
        (i.starts_at < t.starts_at and i.ends_at > t.starts_at)
        or (i.starts_at < t.ends_at and i.ends_at > t.ends_at)
    );

delete from core.port_status_interval as i
using pg_temp.interval_target as t
where
    i.port_pk = t.port_pk
    and i.month = t.month
    and i.starts_at >= t.starts_at
    and i.ends_at <= t.ends_at
