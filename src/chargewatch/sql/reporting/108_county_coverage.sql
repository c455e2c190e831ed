-- reporting.county_coverage: reporting.area_coverage's counties, with their
-- internal points, for maps (Tableau's county geography joins on geoid).
-- Grain: one row per (as_of_date, geoid).
create view reporting.county_coverage as
select
    c.as_of_date,
    c.geoid,
    c.name,
    c.state,
    c.population,
    a.latitude,
    a.longitude,
    c.within_miles,
    c.nearest_dcfc_miles,
    c.nearest_dcfc_source,
    c.nearest_dcfc_station_id,
    c.nearest_dcfc_name,
    c.dcfc_stations_within,
    c.dcfc_ports_within,
    c.level2_ports_within_10,
    c.is_beyond
from reporting.area_coverage as c
inner join core.geo_area as a on a.kind = 'county' and a.geoid = c.geoid
where c.kind = 'county';

comment on view reporting.county_coverage is
    'One row per county of the covered states per snapshot date: reporting.area_coverage''s '
    'counties with their internal points. geoid is the five-digit county FIPS code that '
    'Tableau''s County geographic role reads.';
select core.inherit_column_comments('reporting.area_coverage', 'reporting.county_coverage');
comment on column reporting.county_coverage.latitude is
    'Latitude of the county''s Gazetteer internal point.';
comment on column reporting.county_coverage.longitude is
    'Longitude of the county''s Gazetteer internal point.';
