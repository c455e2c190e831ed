-- Each station's congestion (reporting.station_congestion), stations of one ID in
-- several sources taken together.
-- Grain: one row per station_id.
select
    station_id as group_value,
    round((sum(full_minutes) / nullif(sum(available_minutes), 0))::numeric, 4)::float8
        as congestion
from reporting.station_congestion
where %(source)s::text is null or source = %(source)s
group by station_id
