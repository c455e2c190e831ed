-- reporting.station_group: the counts behind the station KPIs per snapshot
-- date and combination of the KPI dimensions, for tools that slice KPIs by
-- several dimensions at once (sum the counts, then divide: see
-- reporting.kpi_values). Each source counts as of its newest snapshot on or before
-- as_of_date. Grain: one row per (as_of_date, source, state, city, network,
-- facility_type, owner_type, access).
create view reporting.station_group as
select *
from core.station_group_dated;

comment on view reporting.station_group is
    'One row per (as_of_date, source, state, city, network, facility_type, owner_type, access): '
    'the counts behind the station KPIs on that date. Sum counts before dividing.';
