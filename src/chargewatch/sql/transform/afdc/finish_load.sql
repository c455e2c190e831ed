-- Close one load: its counts, measured from what landed, and its status.
-- The load_counts_add_up constraint rejects counts that do not add up.
with quarantined as (
    select distinct line_number from core.quarantine where load_id = %(load_id)s
),

records as (
    select
        count(*) filter (where not r.is_elec) as skipped,
        count(*) filter (where r.is_elec and q.line_number is null) as loaded
    from (
        select line_number, coalesce(upper(btrim(fuel_type_code)) = 'ELEC', false) as is_elec
        from raw.afdc_station
        where load_id = %(load_id)s
    ) as r
    left join quarantined as q on q.line_number = r.line_number
)

update core.load
set
    status = 'loaded',
    read_path = %(read_path)s,
    rows_read = %(rows_read)s,
    rows_skipped = records.skipped,
    rows_quarantined = (select count(*) from quarantined),
    rows_loaded = records.loaded,
    stations_upserted = %(stations_upserted)s,
    finished_at = clock_timestamp()
from records
where load_id = %(load_id)s
