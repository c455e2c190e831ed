-- Utilization overall and per value of {group} (over reporting.port_day's columns),
-- the EV Charging Use Data Specification's reporting metrics over port-days:
-- occupied, charging and idle minutes over available minutes; capacity factor,
-- kWh over rated kW times available hours (the ports whose rating is known);
-- sessions and kWh per day (the days the group's stations span). Charging and
-- idle utilization are null when a session of the group does not tell its
-- charging time. A station's congestion is reporting.station_congestion's.
-- Grain: one row overall (is_total) and one per {group} value.
select
    grouping({group}) = 1 as is_total,
    nullif(({group})::text, '') as group_value,
    count(distinct d.day) as days,
    round(sum(d.available_minutes)::numeric, 3)::float8 as available_minutes,
    round((sum(d.sessions)::float8 / count(distinct d.day))::numeric, 3)::float8
        as sessions_per_day,
    round((sum(d.energy_kwh) / count(distinct d.day))::numeric, 3)::float8 as energy_kwh_per_day,
    round((sum(d.occupied_minutes) / nullif(sum(d.available_minutes), 0))::numeric, 4)::float8
        as occupied_utilization,
    case when bool_and(d.charging_minutes is not null) then
        round((sum(d.charging_minutes) / nullif(sum(d.available_minutes), 0))::numeric, 4)::float8
    end as charging_utilization,
    case when bool_and(d.idle_minutes is not null) then
        round((sum(d.idle_minutes) / nullif(sum(d.available_minutes), 0))::numeric, 4)::float8
    end as idle_utilization,
    round((
        sum(d.energy_kwh) filter (where d.rated_kw > 0)
        / nullif(sum(d.rated_kw * d.available_minutes / 60) filter (where d.rated_kw > 0), 0)
    )::numeric, 4)::float8 as capacity_factor
from reporting.port_day as d
where %(source)s::text is null or d.source = %(source)s
group by grouping sets ((), ({group}))
