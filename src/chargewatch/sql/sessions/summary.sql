-- Sessions summed overall and per value of {group} (over reporting.session's columns):
-- a session succeeded when it delivered at least %(min_kwh)s kWh with no error.
-- Grain: one row overall (is_total) and one per {group} value.
select
    grouping({group}) = 1 as is_total,
    ({group})::text as group_value,
    count(*) as sessions,
    round(coalesce(sum(energy_kwh), 0)::numeric, 3)::float8 as energy_kwh,
    count(*) filter (where coalesce(energy_kwh, 0) >= %(min_kwh)s and error_code is null)
        as successful,
    round(coalesce(sum(plugged_minutes), 0)::numeric, 3)::float8 as plugged_minutes,
    round(sum(charging_minutes)::numeric, 3)::float8 as charging_minutes
from reporting.session
where %(source)s::text is null or source = %(source)s
group by grouping sets ((), ({group}))
order by is_total desc, sessions desc, group_value
