-- Port outages in the EV Charging Use specification's Outage shape: one row per
-- outage that started in %(months)s (every outage when null). outage_id is
-- source:port:start, stable across exports; an open outage has no end;
-- outage_duration is in minutes, as the specification sheet defines it;
-- outage_cause is the exclusion's reason where one applies, else what the feed
-- observed; exempted_outage is true when exclusions cover all of it.
-- Grain: one row per outage.
select
    o.source || ':' || o.port_key || ':'
    || to_char(o.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as outage_id,
    o.port_key as port_id,
    o.station_id,
    to_char(o.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as outage_start,
    to_char(o.ended_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as outage_end,
    round(o.minutes, 2)::float8 as outage_duration,
    coalesce(
        o.exclusion_reason,
        case o.status
            when 'offline' then 'offline: the port did not answer the network'
            else 'out of service: the port reported a fault'
        end
    ) as outage_cause,
    o.excluded_minutes >= o.minutes as exempted_outage
from reporting.port_outage as o
where
    %(months)s::text[] is null
    or to_char(o.started_at at time zone 'UTC', 'YYYY-MM') = any(%(months)s::text[])
order by o.started_at, o.source, o.port_key
