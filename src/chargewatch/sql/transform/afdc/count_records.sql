-- One load's records by outcome, counted from what landed: skipped (not ELEC)
-- and loaded (ELEC, not flagged quarantined); quarantined counts every line in
-- core.quarantine, records that never reached raw (wrong field count) included.
-- A select, so that it runs in parallel. Grain: one row.
select
    count(*) filter (where not coalesce(core.is_afdc_elec(fuel_type_code), false)) as skipped,
    count(*) filter (where core.is_afdc_elec(fuel_type_code) and not quarantined) as loaded,
    (
        select count(distinct line_number) from core.quarantine where load_id = %(load_id)s
    ) as quarantined
from raw.afdc_station
where load_id = %(load_id)s
