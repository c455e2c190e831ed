-- The snapshot date of one load: the given date, else the newest valid
-- Updated At in the file (any fuel), else the day of the load.
-- Materialized so each distinct Updated At is checked once, not each row.
with updated as materialized (
    select distinct updated_at from raw.afdc_station where load_id = %(load_id)s
)

update core.load
set as_of_date = coalesce(
    %(as_of)s::date,
    (
        select max(nullif(btrim(updated_at), '')::timestamptz)::date
        from updated
        where core.timestamp_problem(updated_at) is null
    ),
    current_date
)
where load_id = %(load_id)s
