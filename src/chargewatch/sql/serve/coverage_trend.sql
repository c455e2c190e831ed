-- The population beyond 50 miles of DC fast charging on every snapshot date,
-- over the counties of the covered states (of %(state)s alone when given), as
-- each load keeps it (reporting.coverage_trend): the gaps page's trend.
-- Grain: one row per as_of_date.
select
    as_of_date,
    array_agg(state order by state) as states,
    sum(areas)::bigint as areas,
    sum(population)::bigint as population,
    sum(areas_beyond)::bigint as areas_beyond,
    sum(population_beyond)::bigint as population_beyond
from reporting.coverage_trend
where kind = 'county' and (%(state)s::text is null or state = %(state)s)
group by as_of_date
order by as_of_date
