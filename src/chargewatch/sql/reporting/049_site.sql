-- reporting.site: one row per site, the separate chargers of one place grouped
-- by reporting.station_site, with the name, address and ports of the site.
-- Grain: one row per (source, site_id).
create view reporting.site as
select
    si.source,
    si.site_id,
    min(s.station_name) as site_name,
    min(s.street_address) as street_address,
    min(s.city) as city,
    min(s.state) as state,
    min(s.network) as network,
    count(*)::integer as station_count,
    sum(s.level1_port_count + s.level2_port_count + s.dc_fast_port_count)::integer as port_count,
    sum(s.level2_port_count)::integer as level2_port_count,
    sum(s.dc_fast_port_count)::integer as dc_fast_port_count,
    avg(s.latitude) as latitude,
    avg(s.longitude) as longitude
from reporting.station_site as si
inner join reporting.station as s on s.source = si.source and s.station_id = si.station_id
group by si.source, si.site_id;

comment on view reporting.site is
    'One row per site (source, site_id): separate chargers of one place (same network, '
    'within 25 m or at the same street address and city, names differing only by charger numbers or unit '
    'words), not duplicates. A station without siblings is a site of one station.';
comment on column reporting.site.site_id is 'The smallest station ID of the site.';
comment on column reporting.site.site_name is
    'The first of the stations'' names in alphabetical order, e.g. "SIA E GARAGE F.2 #1".';
comment on column reporting.site.street_address is
    'The first of the stations'' street addresses in alphabetical order.';
comment on column reporting.site.network is 'Charging network of the site''s stations.';
comment on column reporting.site.station_count is 'Existing stations in the site.';
comment on column reporting.site.port_count is 'Level 1, Level 2 and DC fast ports of all its stations.';
comment on column reporting.site.level2_port_count is 'Level 2 ports of all its stations.';
comment on column reporting.site.dc_fast_port_count is 'DC fast ports of all its stations.';
comment on column reporting.site.latitude is 'Mean latitude of its stations, WGS84 degrees.';
comment on column reporting.site.longitude is 'Mean longitude of its stations, WGS84 degrees.';
comment on column reporting.site.source is
    'The registry the site''s stations came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.site.city is
    'City of the site as published (the first in alphabetical order if its stations differ).';
comment on column reporting.site.state is
    'Two-letter state code of the site, e.g. WA (the first in alphabetical order if its '
    'stations differ); null when not given.';
