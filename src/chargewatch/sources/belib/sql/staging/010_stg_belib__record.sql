-- core.stg_belib__record: every line of every Belib status load, as the loader
-- counts them. A line without a PDC ID observes nothing. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_belib__record;

create view core.stg_belib__record as
select
    r.load_id,
    r.line_number,
    coalesce(r.pdc_id, '') collate "C" as station_id,
    coalesce(r.pdc_id, '') <> '' as in_scope,
    r.quarantined,
    '' as hours_text,
    '' as connector_text
from raw.belib_status as r;
