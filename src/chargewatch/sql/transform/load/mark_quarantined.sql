-- Flag the load's raw records that are in core.quarantine (see migration 009).
-- Grain: one row per record newly flagged.
update {raw} as r
set quarantined = true
where
    r.load_id = %(load_id)s
    and not r.quarantined
    and r.line_number in (select q.line_number from core.quarantine as q where q.load_id = %(load_id)s)
