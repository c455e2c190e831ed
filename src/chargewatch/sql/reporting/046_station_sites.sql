-- core.station_sites(): the rows of reporting.station_site, the site of every
-- existing located station. A site is the stations linked by site-sibling
-- pairs (reporting.station_pair, is_sibling), directly or through other
-- siblings: separate chargers of one place, same network, names differing
-- only by charger numbers or unit words.
-- A station with no sibling is a site of its own. site_id is the smallest
-- station ID of the site.
--
-- Sites are found by passing the smallest station ID along sibling pairs, six
-- times: stations linked only through a chain of more than six siblings could
-- be left in two sites (none are in the AFDC files of NY and WA, whose
-- longest chain is four). Grain: one row per (source, station_id).
--
-- The stations in a sibling pair are numbered in station ID order, and the
-- smallest number is passed along, integers being quicker to join than IDs.
-- A function for the same reason as core.station_pairs(): without nested loops.
-- Dropped first: an older database may have it with other columns.
drop function if exists core.station_sites();

create function core.station_sites()
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

numbered as (
    select
        source,
        station_id,
        row_number() over (order by source, station_id) as n
    from (
        select
            source,
            station_a as station_id
        from siblings
        union
        select
            source,
            station_b as station_id
        from siblings
    ) as linked
),

links as (
    select
        a.n,
        b.n as other_n
    from siblings as s
    inner join numbered as a on a.source = s.source and a.station_id = s.station_a
    inner join numbered as b on b.source = s.source and b.station_id = s.station_b
    union all
    select
        b.n,
        a.n as other_n
    from siblings as s
    inner join numbered as a on a.source = s.source and a.station_id = s.station_a
    inner join numbered as b on b.source = s.source and b.station_id = s.station_b
),

round_1 as (
    select
        n,
        least(n, min(other_n)) as site_n
    from links
    group by n
),

round_2 as (
    select
        n,
        min(site_n) as site_n
    from (
        select
            l.n,
            o.site_n
        from links as l
        inner join round_1 as o on o.n = l.other_n
        union all
        select
            n,
            site_n
        from round_1
    ) as proposed
    group by n
),

round_3 as (
    select
        n,
        min(site_n) as site_n
    from (
        select
            l.n,
            o.site_n
        from links as l
        inner join round_2 as o on o.n = l.other_n
        union all
        select
            n,
            site_n
        from round_2
    ) as proposed
    group by n
),

round_4 as (
    select
        n,
        min(site_n) as site_n
    from (
        select
            l.n,
            o.site_n
        from links as l
        inner join round_3 as o on o.n = l.other_n
        union all
        select
            n,
            site_n
        from round_3
    ) as proposed
    group by n
),

round_5 as (
    select
        n,
        min(site_n) as site_n
    from (
        select
            l.n,
            o.site_n
        from links as l
        inner join round_4 as o on o.n = l.other_n
        union all
        select
            n,
            site_n
        from round_4
    ) as proposed
    group by n
),

round_6 as (
    select
        n,
        min(site_n) as site_n
    from (
        select
            l.n,
            o.site_n
        from links as l
        inner join round_5 as o on o.n = l.other_n
        union all
        select
            n,
            site_n
        from round_5
    ) as proposed
    group by n
),

linked_sites as (
    select
        member.source,
        member.station_id,
        first.station_id as site_id
    from round_6 as r
    inner join numbered as member on member.n = r.n
    inner join numbered as first on first.n = r.site_n
),

sited as (
    select
        s.source,
        s.station_id,
        coalesce(l.site_id, s.station_id) as site_id
    from reporting.station as s
    left join linked_sites as l on l.source = s.source and l.station_id = s.station_id
    where s.is_existing and s.latitude is not null and s.longitude is not null
)

select
    source,
    station_id,
    site_id,
    count(*) over (partition by source, site_id)::integer as site_station_count
from sited
$$;
