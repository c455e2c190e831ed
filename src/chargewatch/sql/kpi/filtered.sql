-- The KPIs over the stations that match the filters (a null filter matches
-- everything), per snapshot date (all of them, or the as_of given) and per
-- value of a dimension (or one row per date). The dimension's value, the sums
-- of every count and one condition per filter come from chargewatch.measures,
-- where the counts and dimensions are declared. Columns as in
-- reporting.station_kpi_history; reads reporting only, so the reader role can
-- run it. Grain: one row per (as_of_date, dimension_value).
select
    s.*,
    k.*
from (
    select
        g.as_of_date,
        {group} as dimension_value,
        {{count_sums:g}}
    from reporting.station_group as g
    where (%(as_of)s::date is null or g.as_of_date = %(as_of)s) and {filters}
    group by g.as_of_date, 2
) as s
cross join lateral reporting.kpi_values(
    s.operational_count, s.temporarily_unavailable_count, s.existing_count, s.dc_fast_count,
    s.open_24_7_count, s.public_count, s.private_count, s.connector_types_known_count,
    s.connector_type_total, s.dc_fast_given_count, s.hours_given_count
) as k
order by s.as_of_date, s.existing_count desc, s.station_count desc, s.dimension_value nulls last
