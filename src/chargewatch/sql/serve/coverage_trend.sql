-- The population beyond 50 miles of DC fast charging on every snapshot date,
-- over the counties of the covered states (of %(state)s alone when given), as
-- each load keeps it in reporting.area_coverage: the gaps page's trend.
-- Grain: one row per as_of_date.
select
    c.as_of_date,
    array_agg(distinct c.state order by c.state) as states,
    count(*) as areas,
    coalesce(sum(c.population), 0)::bigint as population,
    count(*) filter (where c.is_beyond) as areas_beyond,
    coalesce(sum(c.population) filter (where c.is_beyond), 0)::bigint as population_beyond
from reporting.area_coverage as c
where c.kind = 'county' and (%(state)s::text is null or c.state = %(state)s)
group by c.as_of_date
order by c.as_of_date
