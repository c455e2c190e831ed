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
    'One row per snapshot date and combination of source, state, city, network, facility '
    'type, owner type and access (as_of_date, source, state, city, network, facility_type, '
    'owner_type, access): the station counts behind the KPIs, for slicing by several '
    'dimensions at once. On each date, each source counts as of its newest snapshot on or '
    'before it. To get a KPI, first sum the counts over the rows you keep, then divide, e.g. '
    'station operational rate = SUM(operational_count) ÷ (SUM(operational_count) + '
    'SUM(temporarily_unavailable_count)); never average rates across rows.';
comment on column reporting.station_group.connector_type_total is
    'Distinct connector types summed over the existing stations (TESLA, NACS and J3400 are '
    'one type). avg_connector_diversity = SUM(connector_type_total) ÷ '
    'SUM(connector_types_known_count).';
-- The counts are described in reporting.station_kpi_history, the other columns in
-- reporting.station.
select core.inherit_column_comments('reporting.station_kpi_history', 'reporting.station_group');
select core.inherit_column_comments('reporting.station', 'reporting.station_group');
