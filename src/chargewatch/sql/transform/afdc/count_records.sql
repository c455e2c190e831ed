-- One load's records by outcome, counted from what landed: skipped (not ELEC)
-- and loaded (ELEC, not quarantined). A select, so that it runs in parallel.
-- Grain: one row.
with quarantined as not materialized (
    select distinct line_number from core.quarantine where load_id = %(load_id)s
)

select
    count(*) filter (where not r.is_elec) as skipped,
    count(*) filter (where r.is_elec and q.line_number is null) as loaded,
    (select count(*) from quarantined) as quarantined
from (
    select line_number, coalesce(core.is_afdc_elec(fuel_type_code), false) as is_elec
    from raw.afdc_station
    where load_id = %(load_id)s
) as r
left join quarantined as q on q.line_number = r.line_number
