-- Close one load: its counts, measured from what landed, and its status.
-- The load_counts_add_up constraint rejects counts that do not add up.
update core.load
set
    status = 'loaded',
    read_path = %(read_path)s,
    rows_read = %(rows_read)s,
    rows_skipped = (
        select count(*) from raw.afdc_station
        where load_id = %(load_id)s and upper(btrim(coalesce(fuel_type_code, ''))) <> 'ELEC'
    ),
    rows_quarantined = (
        select count(distinct line_number) from core.quarantine where load_id = %(load_id)s
    ),
    rows_loaded = (select count(*) from core.afdc_station_accepted where load_id = %(load_id)s),
    stations_upserted = %(stations_upserted)s,
    finished_at = clock_timestamp()
where load_id = %(load_id)s
