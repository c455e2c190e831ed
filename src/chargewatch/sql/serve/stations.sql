-- The existing stations with coordinates that match the dashboard's filters (a
-- null filter matches everything), as they were on %(as_of)s (the version valid
-- that day) or as they are now (null: the current version), by station id,
-- one page of them (%(limit)s null: all). Coordinates are as loaded (parsed from
-- the source's text, so short). Reads reporting only, so the reader role can
-- run it. Grain: one row per (source, station_id).
select
    s.station_id,
    s.station_name,
    s.network,
    s.status,
    s.level1_port_count,
    s.level2_port_count,
    s.dc_fast_port_count,
    s.latitude,
    s.longitude,
    s.source
from reporting.station_history as s
where
    case
        when %(as_of)s::date is null then s.valid_to is null
        else s.valid_from <= %(as_of)s and (s.valid_to is null or s.valid_to > %(as_of)s)
    end
    and s.is_existing
    and s.latitude is not null
    and s.longitude is not null
    and {filters}
order by s.station_id, s.source
limit %(limit)s offset %(offset)s
