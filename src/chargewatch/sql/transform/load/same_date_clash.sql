-- Another loaded snapshot of the same source and date that covers a state this
-- load covers too: two files cannot both stand for one state on one date.
-- Grain: at most one row (the earliest such load).
select
    other.load_id,
    other.file_name,
    this.as_of_date::text,
    array(
        select unnest(this.covered_states)
        intersect
        select unnest(other.covered_states)
        order by 1
    ) as states
from core.load as this
inner join core.load as other
    on
        other.source = this.source
        and other.as_of_date = this.as_of_date
        and other.status = 'loaded'
        and other.load_id <> this.load_id
        and other.covered_states && this.covered_states
where this.load_id = %(load_id)s
order by other.load_id
limit 1
