-- Port outages (reporting.port_outage), newest first: all, or only the open
-- ones, of at least %(min_minutes)s minutes.
-- Grain: one row per outage.
select
    o.source,
    o.station_id,
    o.port_id,
    o.started_at,
    o.ended_at,
    o.is_open,
    o.minutes::float8 as minutes,
    o.status,
    o.is_feed_outage,
    o.excluded_minutes::float8 as excluded_minutes,
    o.exclusion_reason
from reporting.port_outage as o
where (not %(open_only)s or o.is_open) and o.minutes >= %(min_minutes)s
order by o.started_at desc, o.source, o.station_id, o.port_id
