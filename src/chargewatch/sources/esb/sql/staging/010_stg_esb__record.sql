-- core.stg_esb__record: every line of every ESB status load, as the loader
-- counts them. in_scope: a line that observed a port (NA, a failed poll's
-- only line, observed nothing). Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_esb__record;

create view core.stg_esb__record as
select
    r.load_id,
    r.line_number,
    coalesce(r.charge_point, '') collate "C" as station_id,
    r.status_code <> 'NA' as in_scope,
    r.quarantined,
    '' as hours_text,
    '' as connector_text
from raw.esb_status as r;
