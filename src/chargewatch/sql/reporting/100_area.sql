-- reporting.area: the Census areas coverage is measured over.
-- Grain: one row per (kind, geoid).
create view reporting.area as
select kind, geoid, name, state, latitude, longitude, land_sqmi, population
from core.geo_area;

comment on view reporting.area is
    'One row per US state, county and ZIP code tabulation area (ZCTA) that chargewatch ships: '
    'Census 2025 Gazetteer internal points and land areas, ACS 2023 5-year population.';
comment on column reporting.area.kind is 'state, county or zcta.';
comment on column reporting.area.geoid is
    'Census GEOID: two-digit state FIPS, five-digit county FIPS (Tableau''s county geography '
    'joins on it) or five-digit ZCTA.';
comment on column reporting.area.name is 'Census name, e.g. Ferry County or ZCTA5 99166.';
comment on column reporting.area.state is
    'Two-letter state code (a ZCTA''s is the state its internal point lies in).';
comment on column reporting.area.latitude is
    'Latitude of the Gazetteer internal point, where the area is placed for distances '
    '(null for states).';
comment on column reporting.area.longitude is 'Longitude of the Gazetteer internal point.';
comment on column reporting.area.land_sqmi is 'Land area, square miles.';
comment on column reporting.area.population is
    'Total population, ACS 2023 5-year (B01003); null when the ACS table has no row for the '
    'area (it then counts in no population total).';
