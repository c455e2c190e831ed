-- reporting.area_coverage: each county's and ZCTA's distance to DC fast charging
-- on every snapshot date, within 50 miles.
-- Grain: one row per (as_of_date, kind, geoid).
create view reporting.area_coverage as
select
    c.as_of_date,
    c.kind,
    c.geoid,
    a.name,
    a.state,
    a.population,
    c.within_miles,
    c.nearest_dcfc_miles,
    c.nearest_dcfc_source,
    c.nearest_dcfc_station_id,
    c.nearest_dcfc_name,
    c.dcfc_stations_within,
    c.dcfc_ports_within,
    c.level2_ports_within_10,
    c.is_beyond
from core.area_coverage as c
inner join core.geo_area as a on a.kind = c.kind and a.geoid = c.geoid
where c.kind in ('county', 'zcta');

comment on view reporting.area_coverage is
    'One row per county or ZCTA of the covered states per snapshot date: its nearest DC fast '
    'station and what lies within within_miles. A DC fast station for coverage exists, is '
    'operational or of unknown status, is public, has a DC fast port and coordinates; a station '
    'two registries both list counts once. Distances are great-circle miles (Earth radius '
    '3,958.8) from the area''s Gazetteer internal point. What chargewatch gaps prints.';
comment on column reporting.area_coverage.as_of_date is
    'The snapshot date: stations as every source listed them on it.';
comment on column reporting.area_coverage.kind is 'county or zcta.';
comment on column reporting.area_coverage.geoid is 'Census GEOID of the area (see reporting.area).';
comment on column reporting.area_coverage.name is 'Census name of the area.';
comment on column reporting.area_coverage.state is 'Two-letter state code of the area.';
comment on column reporting.area_coverage.population is
    'ACS 2023 5-year population; null when unknown.';
comment on column reporting.area_coverage.within_miles is
    'The distance that counts as served, miles (50, NEVI''s spacing).';
comment on column reporting.area_coverage.nearest_dcfc_miles is
    'Great-circle miles to the nearest DC fast station, to 0.01; null when there is none.';
comment on column reporting.area_coverage.nearest_dcfc_source is 'Source of the nearest DC fast station.';
comment on column reporting.area_coverage.nearest_dcfc_station_id is
    'Station ID of the nearest DC fast station in its source.';
comment on column reporting.area_coverage.nearest_dcfc_name is 'Name of the nearest DC fast station.';
comment on column reporting.area_coverage.dcfc_stations_within is
    'DC fast stations within within_miles (at most that far, wherever they are).';
comment on column reporting.area_coverage.dcfc_ports_within is
    'DC fast ports of those stations.';
comment on column reporting.area_coverage.level2_ports_within_10 is
    'Level 2 ports of public stations (operational or of unknown status) within 10 miles.';
comment on column reporting.area_coverage.is_beyond is
    'No DC fast station within within_miles: the area is unserved.';
