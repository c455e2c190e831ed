-- The snapshot date of one load: the given date, else the date of the newest
-- valid Updated At in the file (see newest_update.sql), else the day of the load.
update core.load
set as_of_date = coalesce(%(as_of)s::date, %(newest)s::date, current_date)
where load_id = %(load_id)s
