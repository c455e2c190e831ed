-- The values each dashboard filter can take, from the current stations' KPI
-- counts (reporting.station_group at the newest date: a few thousand rows,
-- not every station): one row per (filter_name, filter_value), nulls left out.
-- A status is offered when some current station has it.
with current_groups as (
    select g.*
    from reporting.station_group as g
    where g.as_of_date = (select max(as_of_date) from reporting.station_group)
),

dimension_values as (
    select
        case
            when grouping(source) = 0 then 'source'
            when grouping(state) = 0 then 'state'
            when grouping(network) = 0 then 'network'
            when grouping(facility_type) = 0 then 'facility_type'
            else 'access'
        end as filter_name,
        coalesce(source, state, network, facility_type, access) as filter_value
    from current_groups
    group by grouping sets ((source), (state), (network), (facility_type), (access))
),

status_values as (
    select s.filter_value
    from (
        select
            sum(operational_count) as operational,
            sum(temporarily_unavailable_count) as temporarily_unavailable,
            sum(planned_count) as planned,
            sum(status_unknown_count) as unknown
        from current_groups
    ) as n
    cross join lateral (
        values
        ('operational', n.operational),
        ('temporarily_unavailable', n.temporarily_unavailable),
        ('planned', n.planned),
        ('unknown', n.unknown)
    ) as s (filter_value, stations)
    where s.stations > 0
)

select filter_name, filter_value
from dimension_values
where filter_value is not null
union all
select 'status' as filter_name, filter_value
from status_values
order by filter_name, filter_value
