-- The snapshot date of one load: the given date, else the newest valid
-- Updated At in the file (any fuel), else the day of the load.
update core.load
set as_of_date = coalesce(
    %(as_of)s::date,
    (
        select max(nullif(btrim(r.updated_at), '')::timestamptz)::date
        from raw.afdc_station as r
        where r.load_id = %(load_id)s and core.timestamp_problem(r.updated_at) is null
    ),
    current_date
)
where load_id = %(load_id)s
