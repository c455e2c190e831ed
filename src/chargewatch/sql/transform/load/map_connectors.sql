-- Normalise new connector texts once each. Grain: one row per text.
insert into core.connector_text (connector_text, connector_types)
select t, core.connector_codes(t)
from unnest(%(texts)s::text[]) as t
on conflict (connector_text) do nothing
