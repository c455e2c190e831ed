-- reporting.state_coverage: each covered state's counties taken together, and
-- its public ports per registered EV and per person, on every snapshot date.
-- Grain: one row per (as_of_date, state).
create view reporting.state_coverage as
with counties as (
    select
        as_of_date,
        state,
        areas as counties,
        areas_beyond as counties_beyond,
        population,
        population_beyond
    from reporting.coverage_trend
    where kind = 'county'
),

registered as (
    select distinct on (s.as_of_date, s.state)
        s.as_of_date,
        s.state,
        r.year,
        r.ev_registrations
    from (select distinct as_of_date, state from counties) as s
    inner join core.ev_registration as r on r.state = s.state
    order by
        s.as_of_date, s.state, r.year <= extract(year from s.as_of_date) desc,
        case when r.year <= extract(year from s.as_of_date) then -r.year else r.year end
)

select
    c.as_of_date,
    g.state,
    g.name,
    n.population,
    n.counties,
    n.counties_beyond,
    n.population_beyond,
    round(n.population_beyond::numeric / nullif(n.population, 0), 4)::float8 as share_beyond,
    c.nearest_dcfc_miles,
    c.dcfc_stations_within,
    c.dcfc_ports_within,
    c.public_ports,
    r.ev_registrations,
    r.year as ev_registrations_year,
    round(c.public_ports * 1000.0 / nullif(r.ev_registrations, 0), 2)::float8
        as ports_per_1000_evs,
    round(c.public_ports * 100000.0 / nullif(n.population, 0), 2)::float8
        as ports_per_100k_people
from core.area_coverage as c
inner join core.geo_area as g on g.kind = 'state' and g.geoid = c.geoid
inner join counties as n on n.as_of_date = c.as_of_date and n.state = g.state
left join registered as r on r.as_of_date = c.as_of_date and r.state = g.state
where c.kind = 'state';

comment on view reporting.state_coverage is
    'One row per covered state per snapshot date: its counties taken together (population '
    'beyond within_miles of a DC fast station) and its public ports per 1,000 registered EVs '
    'and per 100,000 people. What chargewatch gaps --by state prints.';
comment on column reporting.state_coverage.as_of_date is 'The snapshot date.';
comment on column reporting.state_coverage.state is 'Two-letter state code.';
comment on column reporting.state_coverage.name is 'State name.';
comment on column reporting.state_coverage.population is
    'Population of its counties (ACS 2023 5-year).';
comment on column reporting.state_coverage.counties is 'Counties (and equivalents) in the state.';
comment on column reporting.state_coverage.counties_beyond is
    'Counties with no DC fast station within 50 miles.';
comment on column reporting.state_coverage.population_beyond is
    'Population of those counties.';
comment on column reporting.state_coverage.share_beyond is 'population_beyond / population.';
comment on column reporting.state_coverage.nearest_dcfc_miles is
    'The farthest any of its counties is from its nearest DC fast station, miles.';
comment on column reporting.state_coverage.dcfc_stations_within is
    'DC fast stations within 50 miles of at least one of its counties.';
comment on column reporting.state_coverage.dcfc_ports_within is 'DC fast ports of those stations.';
comment on column reporting.state_coverage.public_ports is
    'Ports (Level 1, Level 2 and DC fast) of the public stations located in the state that '
    'are operational or of unknown status, each station counted once across registries.';
comment on column reporting.state_coverage.ev_registrations is
    'Light-duty EVs registered in the state (AFDC), in ev_registrations_year.';
comment on column reporting.state_coverage.ev_registrations_year is
    'The newest year of registrations on or before as_of_date''s year (the oldest when all '
    'are newer).';
comment on column reporting.state_coverage.ports_per_1000_evs is
    'public_ports per 1,000 registered EVs.';
comment on column reporting.state_coverage.ports_per_100k_people is
    'public_ports per 100,000 people.';
