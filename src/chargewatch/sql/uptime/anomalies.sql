-- The anomalies of single ports going on during %(month)s (reporting.anomaly),
-- for marks on the month's outage timeline.
-- Grain: one row per anomaly.
select
    a.kind,
    a.reason_code,
    a.source,
    a.station_id,
    a.port_id,
    a.started_at,
    a.ended_at,
    a.evidence
from reporting.anomaly as a
where
    a.port_key is not null
    and a.started_at < (to_date(%(month)s, 'YYYY-MM') + interval '1 month')::timestamp at time zone 'UTC'
    and coalesce(a.ended_at, 'infinity') >= to_date(%(month)s, 'YYYY-MM')::timestamp at time zone 'UTC'
order by a.started_at
