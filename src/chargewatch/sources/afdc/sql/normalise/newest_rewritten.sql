-- For a rewritten timestamp column: whether a rule read every suspect value,
-- and the newest value rewritten into AFDC's own shape (text order is time
-- order). Grain: one row.
select
    coalesce(bool_and(rule is not null), true) as readable,
    max(new collate "C") filter (where new like '____-__-__ __:__:__ UTC') as newest
from pg_temp.normal_value
where column_name = %(column)s
