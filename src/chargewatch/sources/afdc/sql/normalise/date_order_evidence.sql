-- Per column of dates in another shape: the largest first and second numbers of
-- its day/month dates (a first above 12 means day-first, a second month-first).
-- Grain: one row per column with such dates.
select
    column_name,
    max(parts[1]::integer) as first_max,
    max(parts[2]::integer) as second_max
from (
    select column_name, core.date_parts(old) as parts
    from pg_temp.normal_value
    where rule in ('date_shape', 'timestamp_shape')
) as dated
where length(parts[1]) <= 2
group by column_name
