-- core.station_sites(): the rows of reporting.station_site, the site of every existing located station. A site
-- is the stations linked by site-sibling pairs (reporting.station_pair,
-- is_sibling), directly or through other siblings: separate chargers of one
-- place, same network, names differing only by charger numbers or unit words.
-- A station with no sibling is a site of its own. site_id is the smallest
-- station ID of the site.
--
-- Sites are found by passing the smallest station ID along sibling pairs, six
-- times: stations linked only through a chain of more than six siblings could
-- be left in two sites (none are in the AFDC files of NY and WA, whose
-- longest chain is four). Grain: one row per (source, station_id).
--
-- A function for the same reason as core.station_pairs(): without nested loops.
create or replace function core.station_sites()
returns table (
    source text,
    station_id text,
    site_id text,
    site_station_count integer
)
language sql stable security definer
rows 100000
set enable_nestloop = off
set enable_mergejoin = off
set search_path = pg_catalog, pg_temp
as $$
with siblings as (
    select
        p.source,
        p.station_a,
        p.station_b
    from core.station_pairs() as p
    where p.is_sibling
),

links as (
    select
        source,
        station_a as station_id,
        station_b as other_id
    from siblings
    union all
    select
        source,
        station_b as station_id,
        station_a as other_id
    from siblings
),

round_1 as (
    select
        source,
        station_id,
        least(station_id, min(other_id)) as site_id
    from links
    group by source, station_id
),

round_2 as (
    select
        source,
        station_id,
        min(site_id) as site_id
    from (
        select
            l.source,
            l.station_id,
            o.site_id
        from links as l
        inner join round_1 as o on o.source = l.source and o.station_id = l.other_id
        union all
        select
            source,
            station_id,
            site_id
        from round_1
    ) as proposed
    group by source, station_id
),

round_3 as (
    select
        source,
        station_id,
        min(site_id) as site_id
    from (
        select
            l.source,
            l.station_id,
            o.site_id
        from links as l
        inner join round_2 as o on o.source = l.source and o.station_id = l.other_id
        union all
        select
            source,
            station_id,
            site_id
        from round_2
    ) as proposed
    group by source, station_id
),

round_4 as (
    select
        source,
        station_id,
        min(site_id) as site_id
    from (
        select
            l.source,
            l.station_id,
            o.site_id
        from links as l
        inner join round_3 as o on o.source = l.source and o.station_id = l.other_id
        union all
        select
            source,
            station_id,
            site_id
        from round_3
    ) as proposed
    group by source, station_id
),

round_5 as (
    select
        source,
        station_id,
        min(site_id) as site_id
    from (
        select
            l.source,
            l.station_id,
            o.site_id
        from links as l
        inner join round_4 as o on o.source = l.source and o.station_id = l.other_id
        union all
        select
            source,
            station_id,
            site_id
        from round_4
    ) as proposed
    group by source, station_id
),

round_6 as (
    select
        source,
        station_id,
        min(site_id) as site_id
    from (
        select
            l.source,
            l.station_id,
            o.site_id
        from links as l
        inner join round_5 as o on o.source = l.source and o.station_id = l.other_id
        union all
        select
            source,
            station_id,
            site_id
        from round_5
    ) as proposed
    group by source, station_id
),

sited as (
    select
        s.source,
        s.station_id,
        coalesce(r.site_id, s.station_id) as site_id
    from reporting.station as s
    left join round_6 as r on r.source = s.source and r.station_id = s.station_id
    where s.is_existing and s.latitude is not null and s.longitude is not null
)

select
    source,
    station_id,
    site_id,
    count(*) over (partition by source, site_id)::integer as site_station_count
from sited
$$;
