-- Input of the shared month build: every port of the feed (core.port), its
-- station, whether it stands for the whole station, and the newest time a
-- file listed it, in microseconds. Grain: one row per port_key.
create temporary table cw_port on commit drop as
select
    p.port_key,
    p.station_id,
    p.whole_station,
    (extract(epoch from p.last_seen) * 1000000)::bigint as until_at
from core.port as p
where p.source = %(source)s
