-- core.stg_afdc__record: every record of every AFDC load, as the loader needs
-- it before values are typed. in_scope: an electric record (other fuels are
-- skipped); hours_text and connector_text: the texts parsed once each into
-- core.hours_text and core.connector_text. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_afdc__record;

create view core.stg_afdc__record as
select
    r.load_id,
    r.line_number,
    btrim(r.id) collate "C" as station_id,
    coalesce(core.is_afdc_elec(r.fuel_type_code), false) as in_scope,
    r.quarantined,
    coalesce(r.access_days_time, '') as hours_text,
    coalesce(r.ev_connector_types, '') as connector_text
from raw.afdc_station as r
