-- Sites of several stations and probable duplicates among one source's
-- current stations, from one pass of core.station_links() (finding the close
-- pairs is the costly part, so it is done once for both). Grain: one row per
-- probable duplicate, best first, each with the site counts; one row with no
-- duplicate when there is none.
with link as materialized (
    select
        kind,
        station_a,
        station_b,
        name_a,
        name_b,
        address_a,
        address_b,
        network_a,
        network_b,
        distance_m,
        name_similarity,
        address_similarity,
        score,
        is_duplicate,
        site_id
    from core.station_links()
    where source = %(source)s
),

sites as (
    select
        count(distinct site_id)::integer as multi_station_sites,
        count(*)::integer as stations_in_them
    from link
    where kind = 'site'
)

select
    s.multi_station_sites,
    s.stations_in_them,
    d.station_a,
    d.station_b,
    d.name_a,
    d.name_b,
    d.address_a,
    d.address_b,
    d.network_a,
    d.network_b,
    d.distance_m,
    d.name_similarity,
    d.address_similarity,
    d.score
from sites as s
left join link as d on d.kind = 'pair' and d.is_duplicate
order by d.score desc, d.station_a, d.station_b
