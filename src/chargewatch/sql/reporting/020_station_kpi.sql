-- reporting.station_kpi_history: per snapshot date, one row for all stations
-- (dimension = 'all') and one per value of each dimension (state, city,
-- network, facility_type, owner_type, access), with the counts behind the
-- five station KPIs as they stood on that date (the counts as
-- chargewatch.measures declares them). Grain: one row per (as_of_date,
-- dimension, dimension_value).
create view reporting.station_kpi_history as
with counted as (
    select
        as_of_date,
        case
            when grouping(state) = 0 then 'state'
            when grouping(city_label) = 0 then 'city'
            when grouping(network) = 0 then 'network'
            when grouping(facility_type) = 0 then 'facility_type'
            when grouping(owner_type) = 0 then 'owner_type'
            when grouping(access) = 0 then 'access'
            else 'all'
        end as dimension,
        case
            when grouping(state) = 0 then state
            when grouping(city_label) = 0 then city_label
            when grouping(network) = 0 then network
            when grouping(facility_type) = 0 then facility_type
            when grouping(owner_type) = 0 then owner_type
            when grouping(access) = 0 then access
        end as dimension_value,
        {{count_sums}}
    from (
        select g.*, g.city || ', ' || coalesce(g.state, '?') as city_label
        from core.station_group_dated as g
    ) as g
    group by as_of_date, grouping sets (
        (), (state), (city_label), (network), (facility_type), (owner_type), (access)
    )
)

select
    as_of_date,
    dimension,
    dimension_value,
    {{shown_counts}},
    k.station_operational_rate,
    k.fast_charging_availability,
    k.accessibility_24_7_rate,
    k.public_private_ratio,
    k.public_share,
    k.avg_connector_diversity
from counted
cross join lateral reporting.kpi_values(
    operational_count, temporarily_unavailable_count, existing_count, dc_fast_count,
    open_24_7_count, public_count, private_count, connector_types_known_count,
    connector_type_total, dc_fast_given_count, hours_given_count
) as k
where station_count > 0;

-- reporting.station_kpi: the same as of the newest snapshot date.
-- Grain: one row per (dimension, dimension_value).
create view reporting.station_kpi as
select *
from reporting.station_kpi_history
where as_of_date = (
    select max(as_of_date) from core.load where status = 'loaded' and model = 'stations'
);

comment on view reporting.station_kpi_history is
    'One row per snapshot date, dimension and dimension value (as_of_date, dimension, '
    'dimension_value): the five station KPIs and the station counts behind them, as they stood '
    'on that date. dimension = all has one row for all stations; each other dimension (state, '
    'city, network, facility_type, owner_type, access) has one row per value. On each date, '
    'each source counts as of its newest snapshot on or before it. The KPIs count existing '
    'stations: every station that is neither planned nor removed.';
comment on column reporting.station_kpi_history.as_of_date is
    'Snapshot date the figures are for (one per date any file was loaded for): each source''s '
    'stations as its newest snapshot on or before this date listed them.';
comment on column reporting.station_kpi_history.dimension is
    'What the row breaks the figures down by: all (one row for all stations), state, city, '
    'network, facility_type, owner_type or access.';
comment on column reporting.station_kpi_history.dimension_value is
    'The value of the dimension this row is for, e.g. WA (state), "Seattle, WA" (city: the '
    'city, a comma and its state code, ? when the state is missing), public (access). Null '
    'for dimension = all, and for the stations whose value is not given.';
comment on column reporting.station_kpi_history.station_count is
    'Stations listed, of every status (planned ones included).';
comment on column reporting.station_kpi_history.existing_count is
    'Existing stations: those neither planned nor removed (status operational, temporarily '
    'unavailable or unknown). The denominator of fast_charging_availability and '
    'accessibility_24_7_rate.';
comment on column reporting.station_kpi_history.operational_count is
    'Existing stations whose status is operational (AFDC status code E).';
comment on column reporting.station_kpi_history.temporarily_unavailable_count is
    'Existing stations whose status is temporarily unavailable (AFDC status code T).';
comment on column reporting.station_kpi_history.planned_count is
    'Planned stations (AFDC status code P): not open yet, so not existing and in no KPI.';
comment on column reporting.station_kpi_history.status_unknown_count is
    'Existing stations whose status the source does not give: counted as existing, left out '
    'of station_operational_rate.';
comment on column reporting.station_kpi_history.dc_fast_count is
    'Existing stations with at least one DC fast port.';
comment on column reporting.station_kpi_history.open_24_7_count is
    'Existing stations open 24 hours a day, 7 days a week by their published opening hours.';
comment on column reporting.station_kpi_history.hours_unknown_count is
    'Existing stations whose opening hours could not be read (no hours given, or text such '
    'as "Contact station for hours"); they count as not open 24/7.';
comment on column reporting.station_kpi_history.public_count is
    'Existing stations with public access.';
comment on column reporting.station_kpi_history.private_count is
    'Existing stations with private access.';
comment on column reporting.station_kpi_history.connector_types_known_count is
    'Existing stations with at least one connector type given: the stations '
    'avg_connector_diversity averages over.';
comment on column reporting.station_kpi_history.dc_fast_given_count is
    'Existing stations whose file gives DC fast port counts (has the EV DC Fast Count '
    'column): equal to existing_count unless a file lacks that column. The denominator of '
    'fast_charging_availability.';
comment on column reporting.station_kpi_history.hours_given_count is
    'Existing stations whose file gives opening hours (has the Access Days Time column): '
    'equal to existing_count unless a file lacks that column. The denominator of '
    'accessibility_24_7_rate.';
comment on column reporting.station_kpi_history.station_operational_rate is
    'Share 0–1: operational_count ÷ (operational_count + temporarily_unavailable_count). '
    'Stations of unknown status are left out. Null when there is neither.';
comment on column reporting.station_kpi_history.fast_charging_availability is
    'Share 0–1 of existing stations with at least one DC fast port: dc_fast_count ÷ '
    'dc_fast_given_count (= existing_count when every file has the EV DC Fast Count column). '
    'Null when there is no such station.';
comment on column reporting.station_kpi_history.accessibility_24_7_rate is
    'Share 0–1 of existing stations open 24/7: open_24_7_count ÷ hours_given_count (= '
    'existing_count when every file has the Access Days Time column); stations whose hours '
    'text cannot be read (hours_unknown_count) count as not 24/7. Null when there is no such '
    'station.';
comment on column reporting.station_kpi_history.public_private_ratio is
    'Public stations per private station: public_count ÷ private_count (e.g. 4 means four '
    'public stations for each private one). Null when there is no private station.';
comment on column reporting.station_kpi_history.public_share is
    'Share 0–1 of public stations among those whose access is known: public_count ÷ '
    '(public_count + private_count). Null when there is neither.';
comment on column reporting.station_kpi_history.avg_connector_diversity is
    'Average number of distinct connector types per existing station, over the stations '
    'with connector types given: their connector types summed ÷ connector_types_known_count '
    '(TESLA, NACS and J3400 are one type). Null when no station has connector types given.';

comment on view reporting.station_kpi is
    'One row per dimension and dimension value (dimension, dimension_value): the five station '
    'KPIs and the counts behind them on the newest snapshot date, that is the rows of '
    'reporting.station_kpi_history for that date. dimension = all has one row for all '
    'stations; city values read "City, ST".';
-- The columns are those of reporting.station_kpi_history and are described there.
comment on column reporting.station_kpi.as_of_date is
    'The newest snapshot date loaded (the same on every row): each source''s stations as its '
    'newest snapshot on or before this date listed them.';
select core.inherit_column_comments('reporting.station_kpi_history', 'reporting.station_kpi');
