-- newest_update.sql in one parallel scan, for a file whose every Updated At has
-- AFDC's own shape ("2024-05-14 21:31:02 UTC") or is empty: then text order is
-- time order. usable is false for any other file (or a newest value that is
-- not a valid time); the load then checks each distinct value instead.
-- Grain: one row.
with uniform as (
    select
        bool_and(
            updated_at is null or updated_at = '' or updated_at like '____-__-__ __:__:__ UTC'
        ) as all_uniform,
        max(updated_at collate "C") filter (where updated_at like '____-__-__ __:__:__ UTC')
            as newest
    from raw.afdc_station
    where load_id = %(load_id)s
)

select
    all_uniform and core.timestamp_problem(newest) is null as usable,
    case
        when all_uniform and core.timestamp_problem(newest) is null
            then newest::timestamptz::date
    end as newest_date
from uniform
