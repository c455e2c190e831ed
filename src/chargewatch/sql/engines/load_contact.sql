-- One status load's messages of chargers as the lake's Parquet parts hold them
-- (chargewatch.engines.parquet): the source's contact staging rows for the
-- load, times and the heartbeat interval as microseconds (since 1970 UTC).
-- Grain: one row per (load_id, line_number).
select
    %(source)s::text as source,
    c.station_id,
    (extract(epoch from c.said_at) * 1000000)::bigint as said_at,
    (extract(epoch from c.seen_until) * 1000000)::bigint as seen_until,
    (extract(epoch from c.heartbeat_interval) * 1000000)::bigint as heartbeat_us,
    c.spoke,
    c.load_id,
    c.line_number
from {staging} as c
where c.load_id = %(load_id)s
