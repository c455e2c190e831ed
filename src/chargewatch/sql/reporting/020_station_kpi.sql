-- reporting.station_kpi_history: per snapshot date, one row for all stations
-- (dimension = 'all') and one per value of each dimension (state, city,
-- network, facility_type, owner_type, access), with the counts behind the
-- five KPIs of SPEC §4 as they stood on that date.
-- Grain: one row per (as_of_date, dimension, dimension_value).
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
        sum(station_count)::bigint as station_count,
        sum(existing_count)::bigint as existing_count,
        sum(operational_count)::bigint as operational_count,
        sum(temporarily_unavailable_count)::bigint as temporarily_unavailable_count,
        sum(planned_count)::bigint as planned_count,
        sum(status_unknown_count)::bigint as status_unknown_count,
        sum(dc_fast_count)::bigint as dc_fast_count,
        sum(open_24_7_count)::bigint as open_24_7_count,
        sum(hours_unknown_count)::bigint as hours_unknown_count,
        sum(public_count)::bigint as public_count,
        sum(private_count)::bigint as private_count,
        sum(connector_types_known_count)::bigint as connector_types_known_count,
        sum(connector_type_total)::bigint as connector_type_total
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
    station_count,
    existing_count,
    operational_count,
    temporarily_unavailable_count,
    planned_count,
    status_unknown_count,
    dc_fast_count,
    open_24_7_count,
    hours_unknown_count,
    public_count,
    private_count,
    connector_types_known_count,
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
    connector_type_total
) as k
where station_count > 0;

-- reporting.station_kpi: the same as of the newest snapshot date.
-- Grain: one row per (dimension, dimension_value).
create view reporting.station_kpi as
select *
from reporting.station_kpi_history
where as_of_date = (select max(as_of_date) from core.load where status = 'loaded');

comment on view reporting.station_kpi_history is
    'One row per (as_of_date, dimension, dimension_value): the five station KPIs of SPEC §4 '
    'with their counts, as they stood on each snapshot date (each source as of its newest '
    'snapshot on or before it).';
comment on view reporting.station_kpi is
    'One row per (dimension, dimension_value): the five station KPIs of SPEC §4 with '
    'their counts, as of the latest snapshot. dimension = all has one row for everything; '
    'city values are "City, ST".';
comment on column reporting.station_kpi.station_operational_rate is
    'operational / (operational + temporarily unavailable); null when neither.';
comment on column reporting.station_kpi.fast_charging_availability is
    'Existing stations with at least one DC fast port / existing stations.';
comment on column reporting.station_kpi.accessibility_24_7_rate is
    'Existing stations open 24/7 / existing stations; unknown hours count as not 24/7.';
comment on column reporting.station_kpi.public_private_ratio is
    'Existing public / existing private; null when there is no private station.';
comment on column reporting.station_kpi.public_share is 'Public / (public + private).';
comment on column reporting.station_kpi.avg_connector_diversity is
    'Mean distinct connector types per existing station whose connector types are known.';
