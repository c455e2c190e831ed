-- The KPIs over the stations that match the dashboard's filters (a null
-- filter matches everything), per snapshot date (all of them, or %(as_of)s)
-- and per value of {group} (null::text for one row per date). Columns as in
-- reporting.station_kpi_history; reads reporting only, so the reader role can
-- run it. Grain: one row per (as_of_date, dimension_value).
select
    s.*,
    k.*
from (
    select
        g.as_of_date,
        {group} as dimension_value,
        sum(g.station_count)::bigint as station_count,
        sum(g.existing_count)::bigint as existing_count,
        sum(g.operational_count)::bigint as operational_count,
        sum(g.temporarily_unavailable_count)::bigint as temporarily_unavailable_count,
        sum(g.planned_count)::bigint as planned_count,
        sum(g.status_unknown_count)::bigint as status_unknown_count,
        sum(g.dc_fast_count)::bigint as dc_fast_count,
        sum(g.open_24_7_count)::bigint as open_24_7_count,
        sum(g.hours_unknown_count)::bigint as hours_unknown_count,
        sum(g.public_count)::bigint as public_count,
        sum(g.private_count)::bigint as private_count,
        sum(g.connector_types_known_count)::bigint as connector_types_known_count,
        sum(g.connector_type_total)::bigint as connector_type_total,
        sum(g.dc_fast_given_count)::bigint as dc_fast_given_count,
        sum(g.hours_given_count)::bigint as hours_given_count
    from reporting.station_group as g
    where
        (%(as_of)s::date is null or g.as_of_date = %(as_of)s)
        and (%(state)s::text is null or g.state = %(state)s)
        and (%(network)s::text is null or g.network = %(network)s)
        and (%(facility_type)s::text is null or g.facility_type = %(facility_type)s)
        and (%(access)s::text is null or g.access = %(access)s)
    group by g.as_of_date, 2
) as s
cross join lateral reporting.kpi_values(
    s.operational_count, s.temporarily_unavailable_count, s.existing_count, s.dc_fast_count,
    s.open_24_7_count, s.public_count, s.private_count, s.connector_types_known_count,
    s.connector_type_total, s.dc_fast_given_count, s.hours_given_count
) as k
order by s.as_of_date, s.existing_count desc, s.dimension_value nulls last
