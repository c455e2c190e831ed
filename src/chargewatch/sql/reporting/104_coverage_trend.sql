-- reporting.coverage_trend: who lives beyond 50 miles of DC fast charging, on
-- every snapshot date, per covered state, over its counties or its ZCTAs.
-- Grain: one row per (as_of_date, kind, state).
create view reporting.coverage_trend as
select
    c.as_of_date,
    c.kind,
    a.state,
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
group by c.as_of_date, c.kind, a.state;

comment on view reporting.coverage_trend is
    'One row per snapshot date, kind of area (county, zcta) and covered state: the summary '
    'of chargewatch gaps --trend, state by state (sum the counts over states for a wider '
    'total; recompute share_beyond from the sums). Covered states can differ between dates '
    '(see reporting.state_snapshot).';
comment on column reporting.coverage_trend.as_of_date is 'The snapshot date.';
comment on column reporting.coverage_trend.kind is 'county or zcta.';
comment on column reporting.coverage_trend.state is 'Two-letter state code.';
comment on column reporting.coverage_trend.areas is 'Areas of the state.';
comment on column reporting.coverage_trend.population is
    'Their population (areas without one count in no total).';
comment on column reporting.coverage_trend.areas_beyond is
    'Areas with no DC fast station within 50 miles.';
comment on column reporting.coverage_trend.population_beyond is 'Their population.';
comment on column reporting.coverage_trend.share_beyond is 'population_beyond / population.';
