-- The date of the newest valid Updated At of one load's records, any fuel.
-- Each distinct value is checked once, so a bad value is skipped, not raised.
-- Grain: one row.
select max(nullif(updated_at, '')::timestamptz)::date
from (select distinct updated_at from raw.afdc_station where load_id = %(load_id)s) as updated
where core.timestamp_problem(updated_at) is null
