-- The newest morning list (reporting.maintenance_score of the newest score run):
-- its first %(top)s ports by rank, with why.
-- Grain: one row per port.
select
    s.run_id,
    s.run_at,
    s.model_version,
    s.day,
    s.day_rank as rank,
    s.source,
    s.station_id,
    s.port_id,
    s.port_key,
    s.latitude,
    s.longitude,
    s.probability,
    s.persistence,
    s.historical_rate,
    s.reasons
from reporting.maintenance_score as s
where s.is_newest_list and s.day_rank <= %(top)s
order by s.day_rank, s.source, s.station_id, s.port_id
