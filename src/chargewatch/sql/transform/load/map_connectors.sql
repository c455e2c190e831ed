-- Normalise new connector texts once each. Grain: one row per text.
insert into core.connector_text (connector_text, connector_types)
select t, core.afdc_connector_types(t)
from unnest(%(texts)s::text[]) as t
on conflict (connector_text) do nothing
