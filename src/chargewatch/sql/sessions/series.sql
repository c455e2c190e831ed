-- Sessions and energy per {key} (a reporting.session column) and period (day or
-- hour, %(unit)s) in the station's local time: the series chargewatch forecast
-- models. Periods with no session are absent (the reader fills them with 0).
-- Grain: one row per (key, period).
select
    {key}::text as key,
    date_trunc(%(unit)s, plug_in_at at time zone coalesce(time_zone, 'UTC')) as period,
    count(*) as sessions,
    round(coalesce(sum(energy_kwh), 0)::numeric, 3)::float8 as energy
from reporting.session
where {key} is not null
group by 1, 2
order by 1, 2
