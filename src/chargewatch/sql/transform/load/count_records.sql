-- One load's records by outcome, counted from what landed: skipped (out of the
-- source's scope, e.g. other fuels) and loaded (in scope, not quarantined); quarantined counts every line in
-- core.quarantine, records that never reached raw (wrong field count) included.
-- A select, so that it runs in parallel. Grain: one row.
select
    count(*) filter (where not in_scope) as skipped,
    count(*) filter (where in_scope and not quarantined) as loaded,
    (
        select count(distinct line_number) from core.quarantine where load_id = %(load_id)s
    ) as quarantined
from {record}
where load_id = %(load_id)s
