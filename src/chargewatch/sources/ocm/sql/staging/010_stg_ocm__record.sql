-- core.stg_ocm__record: every POI of every Open Charge Map load, as the loader
-- needs it before values are typed. in_scope: a published listing that is not
-- removed. OCM has no opening hours; connector_text holds the connector codes
-- the POI's connections map to. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocm__record;

create view core.stg_ocm__record as
select
    r.load_id,
    r.line_number,
    coalesce(btrim(r.id), '') collate "C" as station_id,
    r.in_scope,
    r.quarantined,
    '' as hours_text,
    r.connector_codes as connector_text
from raw.ocm_poi as r;
