-- Input of the shared month build: every message of the feed's chargers
-- (core.status_contact; none for a feed without them), times and heartbeat
-- interval in microseconds. Grain: one row per (station_id, said_at).
create temporary table cw_contact on commit drop as
select
    c.station_id,
    (extract(epoch from c.said_at) * 1000000)::bigint as said_at,
    (extract(epoch from c.seen_until) * 1000000)::bigint as seen_until,
    (extract(epoch from c.heartbeat_interval) * 1000000)::bigint as heartbeat_interval,
    c.spoke
from core.status_contact as c
where c.source = %(source)s
