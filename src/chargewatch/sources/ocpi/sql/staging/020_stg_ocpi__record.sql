-- core.stg_ocpi__record: every Location of every OCPI load that describes its
-- place, as the loader counts them. in_scope: a Location not every EVSE of
-- which is removed. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocpi__record;

create view core.stg_ocpi__record as
select
    r.load_id,
    r.line_number,
    r.location_id collate "C" as station_id,
    r.in_scope,
    r.quarantined,
    coalesce(r.hours_text, '') as hours_text,
    r.connector_text
from raw.ocpi_location as r;
