-- core.state_key: every way a source writes a US state (its code or its name,
-- lower-case) and the state's two-letter code. Staging models join a source's
-- state to it (a hash join, once per load) and keep the text as written when it
-- is not a US state, such as a province.
-- Grain: one row per key.
create or replace view core.state_key as
select lower(g.state) as key, g.state
from core.geo_area as g
where g.kind = 'state'
union
select lower(g.name) as key, g.state
from core.geo_area as g
where g.kind = 'state';
