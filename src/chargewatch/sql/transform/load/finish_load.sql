-- Close one load: its counts (see count_records.sql) and its status.
-- The load_counts_add_up constraint rejects counts that do not add up.
update core.load
set
    status = 'loaded',
    read_path = %(read_path)s,
    rows_read = %(rows_read)s,
    rows_skipped = %(skipped)s,
    rows_quarantined = %(quarantined)s,
    rows_loaded = %(loaded)s,
    stations_upserted = %(stations_upserted)s,
    finished_at = clock_timestamp()
where load_id = %(load_id)s
