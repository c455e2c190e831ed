-- Occupied utilization of all session stations together per local hour of the
-- week (reporting.station_hour_of_week): their occupied minutes over their
-- available port-minutes in that hour. What the sessions page's heat map shades.
-- Grain: one row per (iso_day_of_week, hour_of_day).
select
    iso_day_of_week,
    hour_of_day,
    round((sum(occupied_minutes) / nullif(sum(available_minutes), 0))::numeric, 4)::float8
        as occupied_utilization
from reporting.station_hour_of_week
group by iso_day_of_week, hour_of_day
order by iso_day_of_week, hour_of_day
