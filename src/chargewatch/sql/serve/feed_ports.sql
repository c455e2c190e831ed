-- Every port a status feed lists that has coordinates (reporting.port_uptime_month,
-- newest month per port), for the map the anomalies are drawn on.
-- Grain: one row per port.
select distinct on (u.source, u.port_key)
    u.source,
    u.station_id,
    u.port_id,
    u.longitude,
    u.latitude
from reporting.port_uptime_month as u
where u.latitude is not null and u.longitude is not null
order by u.source, u.port_key, u.month desc
