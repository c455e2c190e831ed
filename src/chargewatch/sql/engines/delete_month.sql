-- The intervals of one feed (%(source)s) in one month (%(month)s), before an
-- engine's build of that month takes their place (insert_month.sql).
-- Grain: one row per interval removed.
delete from core.port_status_interval as i
using core.port as p
where p.port_pk = i.port_pk and p.source = %(source)s and i.month = %(month)s
