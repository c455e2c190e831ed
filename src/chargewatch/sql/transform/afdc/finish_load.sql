-- Close one load: its counts, measured from what landed, and its status.
-- The load_counts_add_up constraint rejects counts that do not add up.
update core.load as l
set
    status = 'loaded',
    read_path = %(read_path)s,
    rows_read = %(rows_read)s,
    rows_skipped = counts.skipped,
    rows_quarantined = counts.quarantined,
    rows_loaded = counts.loaded,
    stations_upserted = %(stations_upserted)s,
    finished_at = clock_timestamp()
from (
    select
        (select count(distinct line_number) from core.quarantine where load_id = %(load_id)s)
            as quarantined,
        count(*) filter (where upper(btrim(coalesce(r.fuel_type_code, ''))) <> 'ELEC') as skipped,
        count(*) filter (
            where upper(btrim(r.fuel_type_code)) = 'ELEC'
            and not exists (
                select from core.quarantine as q
                where q.load_id = r.load_id and q.line_number = r.line_number
            )
        ) as loaded
    from raw.afdc_station as r
    where r.load_id = %(load_id)s
) as counts
where l.load_id = %(load_id)s
