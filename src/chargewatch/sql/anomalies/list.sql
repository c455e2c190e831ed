-- The anomalies going on at or after %(since)s (still open, or ended then or
-- later), of the kinds asked for (null: all) and one source (null: all),
-- newest first.
select
    kind,
    reason_code,
    source,
    station_id,
    port_id,
    port_key,
    session_id,
    started_at,
    ended_at,
    is_open,
    score,
    evidence,
    port_count,
    latitude,
    longitude
from reporting.anomaly
where
    (%(since)s::timestamptz is null or coalesce(ended_at, 'infinity') >= %(since)s::timestamptz)
    and (%(kinds)s::text [] is null or kind = any(%(kinds)s::text []))
    and (%(source)s::text is null or source = %(source)s::text)
order by started_at desc, score desc, source, station_id, port_key;
