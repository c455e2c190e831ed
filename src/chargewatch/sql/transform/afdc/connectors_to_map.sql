-- Connector texts of one load not normalised yet. Grain: one row per new distinct text.
insert into core.connector_text (connector_text, connector_types)
select d.connector_text, core.afdc_connector_types(d.connector_text)
from (
    select distinct coalesce(ev_connector_types, '') as connector_text
    from raw.afdc_station
    where load_id = %(load_id)s
) as d
on conflict (connector_text) do nothing
