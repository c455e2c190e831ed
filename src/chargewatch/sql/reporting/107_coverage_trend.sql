-- reporting.coverage_trend: who lives beyond 50 miles of DC fast charging, on
-- every snapshot date, over the counties or the ZCTAs of the covered states.
-- Grain: one row per (as_of_date, kind).
create view reporting.coverage_trend as
select
    c.as_of_date,
    c.kind,
    count(*) as areas,
    coalesce(sum(a.population), 0)::bigint as population,
    count(*) filter (where c.is_beyond) as areas_beyond,
    coalesce(sum(a.population) filter (where c.is_beyond), 0)::bigint as population_beyond,
    round(
        coalesce(sum(a.population) filter (where c.is_beyond), 0)::numeric
        / nullif(sum(a.population), 0),
        4
    )::float8 as share_beyond
from core.area_coverage as c
inner join core.geo_area as a on a.kind = c.kind and a.geoid = c.geoid
where c.kind in ('county', 'zcta')
group by c.as_of_date, c.kind;

comment on view reporting.coverage_trend is
    'One row per snapshot date and kind of area (county, zcta): the summary of chargewatch '
    'gaps --trend. Covered states can differ between dates (see reporting.state_snapshot).';
comment on column reporting.coverage_trend.as_of_date is 'The snapshot date.';
comment on column reporting.coverage_trend.kind is 'county or zcta.';
comment on column reporting.coverage_trend.areas is 'Areas of the covered states.';
comment on column reporting.coverage_trend.population is
    'Their population (areas without one count in no total).';
comment on column reporting.coverage_trend.areas_beyond is
    'Areas with no DC fast station within 50 miles.';
comment on column reporting.coverage_trend.population_beyond is 'Their population.';
comment on column reporting.coverage_trend.share_beyond is 'population_beyond / population.';
