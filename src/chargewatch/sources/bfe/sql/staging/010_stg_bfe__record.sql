-- core.stg_bfe__record: every EVSE line of every BFE status load, as the
-- loader counts them. A line without an EVSE ID observes nothing. Filter it
-- by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_bfe__record;

create view core.stg_bfe__record as
select
    r.load_id,
    r.line_number,
    coalesce(r.evse_id, '') collate "C" as station_id,
    coalesce(r.evse_id, '') <> '' as in_scope,
    r.quarantined,
    '' as hours_text,
    '' as connector_text
from raw.bfe_evse_status as r;
