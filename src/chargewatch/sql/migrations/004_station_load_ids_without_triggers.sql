-- core.station's load ids are written in the same transaction as their
-- core.load row; the per-row foreign-key triggers cost ~1 s per 120k rows.
alter table core.station
    drop constraint station_first_load_id_fkey,
    drop constraint station_last_load_id_fkey;
