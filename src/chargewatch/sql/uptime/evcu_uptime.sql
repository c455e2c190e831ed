-- Monthly port uptime in the EV Charging Use specification's Uptime shape
-- (AtlasPublicPolicy/charging-use-spec; clean-energy-tools' uptime schema): one
-- row per port and month of %(months)s. port_id is the feed's full identity of
-- the port (port_key), unique where the feed's own port IDs are not;
-- uptime_pct is uptime_nevi in percent; minutes and percentages to two places.
-- Grain: one row per (port, month).
select
    u.port_key as port_id,
    u.station_id,
    to_char(to_date(u.month, 'YYYY-MM')::timestamp, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        as uptime_period_start,
    to_char(
        (to_date(u.month, 'YYYY-MM') + interval '1 month')::timestamp,
        'YYYY-MM-DD"T"HH24:MI:SS"Z"'
    ) as uptime_period_end,
    replace(u.month, '-', '') as report_yr_mon,
    round(u.uptime_nevi * 100, 2)::float8 as uptime_pct,
    round(u.outage_minutes, 2)::float8 as outage_total,
    round(u.excluded_minutes, 2)::float8 as outage_excluded
from reporting.port_uptime_month as u
where u.month = any(%(months)s::text[])
order by u.month, u.station_id, u.port_key
