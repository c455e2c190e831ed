-- Opening-hours and connector texts of one load's in-scope records not parsed yet
-- (hours parsed by an older parser count as not parsed), found in one scan.
-- Grain: one row per (kind, distinct text).
with pairs as materialized (
    select hours_text, connector_text
    from {record}
    where load_id = %(load_id)s and in_scope
    group by 1, 2
)

select 'hours' as kind, p.hours_text as text
from (select distinct hours_text from pairs) as p
where not exists (
    select from core.hours_text as h
    where h.hours_text = p.hours_text and h.parser_version >= %(parser_version)s
)

union all

select 'connectors', p.connector_text
from (select distinct connector_text from pairs) as p
where not exists (select from core.connector_text as c where c.connector_text = p.connector_text)
