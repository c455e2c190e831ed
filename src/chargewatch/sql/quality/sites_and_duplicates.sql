-- Sites of several stations and probable duplicates among one source's
-- current stations, in one scan of core.station_links() (finding the close
-- pairs is the costly part, so it is done once for both). A site's ID is its
-- smallest station, so the stations that are their own site count the sites.
-- Grain: one row; duplicates as a JSON list, best first.
select
    count(*) filter (where kind = 'site' and station_a = site_id)::integer
        as multi_station_sites,
    count(*) filter (where kind = 'site')::integer as stations_in_them,
    coalesce(
        json_agg(
            json_build_object(
                'station_a', station_a,
                'station_b', station_b,
                'name_a', name_a,
                'name_b', name_b,
                'address_a', address_a,
                'address_b', address_b,
                'network_a', network_a,
                'network_b', network_b,
                'distance_m', distance_m,
                'name_similarity', name_similarity,
                'address_similarity', address_similarity,
                'score', score
            )
            order by score desc, station_a, station_b
        ) filter (where is_duplicate),
        '[]'
    ) as duplicates
from core.station_links()
where source = %(source)s
