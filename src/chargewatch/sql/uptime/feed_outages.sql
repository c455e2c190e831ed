-- The feed (back-end) outages that began in %(month)s (reporting.feed_outage):
-- shown beside uptime, apart from the chargers' own faults.
-- Grain: one row per (source, started_at).
select
    f.source,
    f.started_at,
    f.ended_at,
    f.is_open,
    f.moments,
    f.port_count,
    f.station_count,
    f.watched_count,
    f.minutes::float8 as minutes
from reporting.feed_outage as f
where to_char(f.started_at at time zone 'UTC', 'YYYY-MM') = %(month)s
order by f.started_at, f.source
