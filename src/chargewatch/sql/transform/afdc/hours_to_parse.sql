-- Opening-hours texts of one load's ELEC records not parsed yet (or parsed by
-- an older parser). Grain: one row per distinct text.
select distinct coalesce(r.access_days_time, '') as hours_text
from raw.afdc_station as r
where
    r.load_id = %(load_id)s
    and upper(btrim(r.fuel_type_code)) = 'ELEC'
    and not exists (
        select from core.hours_text as h
        where h.hours_text = coalesce(r.access_days_time, '') and h.parser_version >= %(parser_version)s
    )
