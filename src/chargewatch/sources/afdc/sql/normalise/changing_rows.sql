-- How many values the map rewrites (rows summed over columns: at least the
-- rows that change, at most that many). Grain: one row.
select coalesce(sum(rows), 0)
from pg_temp.normal_value
where rule is not null and new is distinct from old
