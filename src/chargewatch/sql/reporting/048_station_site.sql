-- reporting.station_site: the site of every existing located station, from
-- the site rows of core.station_links() (see there for how); a station in no
-- site of several is a site of its own. Grain: one row per (source, station_id).
create view reporting.station_site as
with sited as (
    select
        s.source,
        s.station_id,
        coalesce(l.site_id, s.station_id) as site_id
    from reporting.station as s
    left join (
        select
            source,
            station_a,
            site_id
        from core.station_links()
        where kind = 'site'
    ) as l
        on l.source = s.source and l.station_a = s.station_id
    where s.is_existing and s.latitude is not null and s.longitude is not null
)

select
    source,
    station_id,
    site_id,
    (count(*) over (partition by source, site_id))::integer as site_station_count
from sited;

comment on view reporting.station_site is
    'One row per existing station with a location (source, station_id): the site it belongs '
    'to. A site is separate chargers of one place: stations of the same network within 25 m '
    '(or at the same street address and city within 200 m) whose names differ only by charger numbers '
    'or unit words ("Garage #2"/"Garage #3", "1st Floor"/"2nd Floor", "Station 1", "Level 2", '
    '"Unit A"), linked directly or through each other.';
comment on column reporting.station_site.site_id is
    'The smallest station ID of the site; a station without siblings is its own site.';
comment on column reporting.station_site.site_station_count is
    'Stations in the site (1 for a station without siblings).';
comment on column reporting.station_site.source is
    'The registry the station came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.station_site.station_id is
    'The station''s ID in its source (for AFDC, the ID column).';
