-- One status load's observations as the lake's Parquet parts hold them
-- (chargewatch.engines.parquet): the source's staging rows for the load, times
-- as microseconds since 1970-01-01 UTC.
-- Grain: one row per (load_id, line_number).
select
    %(source)s::text as source,
    o.port_key,
    o.station_id,
    o.port_id,
    (extract(epoch from o.observed_at) * 1000000)::bigint as observed_at,
    (extract(epoch from o.seen_at) * 1000000)::bigint as seen_at,
    o.poll_succeeded,
    o.status,
    o.source_status,
    o.error_code,
    o.whole_station,
    o.load_id,
    o.line_number
from {staging} as o
where o.load_id = %(load_id)s
