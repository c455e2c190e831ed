-- core.station_links(): in one pass over the existing located stations, the
-- pairs that stand close together and the site of every station in a site of
-- several, for reporting.station_pair, station_site, site and
-- duplicate_candidate. One function for all four, so that a reader who wants
-- both sites and duplicates (chargewatch quality) finds the pairs once.
--
-- Rows of kind 'pair' (grain: one per pair, station_a < station_b): two
-- stations of one source within 25 m, or up to 200 m apart at the same street
-- address and city when they are site siblings. Each pair is site siblings
-- (separate chargers of one site), a probable duplicate, or neither.
-- Rows of kind 'site' (grain: one per station in a site of several;
-- station_b is null): station_a's site, the smallest station ID of the
-- stations linked to it by sibling pairs, directly or through each other.
-- Names are compared by their keys in core.station_name_key, kept per
-- distinct name as stations are loaded (the regular expressions are costly).
--
-- Cost is bounded by a grid rather than by comparing every station with every
-- other: latitude rows of 0.0009 degrees (100 m), each cut into columns at
-- least 100 m wide (core.grid_row_scale). A station is compared with the
-- stations of its own cell, and with those of a neighbouring cell only when
-- it stands within 30 m of that side (25 m with a margin), so most stations
-- look in one or two cells. Cells are looked up by equality (hashed). Pairs
-- at one address are found by equality of network, address and city.
--
-- Candidates are capped: at most 100 stations of one cell take part (the
-- first by ID). Real sites hold far fewer; a pile of thousands of records on
-- one spot would otherwise be compared pair by pair (millions of pairs) and
-- would say nothing a person could act on.
--
-- A function rather than a view so that it can plan without nested loops (the
-- planner cannot estimate how many stations the grid lookups pair and,
-- guessing one, would compare every pair with every station) and with memory
-- enough to hash a million stations. It runs as its owner, as the reporting
-- views do, so that the reader role needs no access to core.
-- Dropped first: an older database may have it with other columns, or the
-- two functions it replaces.
drop function if exists core.station_links();
drop function if exists core.station_pairs();
drop function if exists core.station_sites();

create function core.station_links()
returns table (
    kind text,
    source text,
    station_a text,
    station_b text,
    distance_m double precision,
    names_differ_by_unit boolean,
    is_sibling boolean,
    name_words_contained boolean,
    networks_alike boolean,
    is_duplicate boolean,
    name_a text,
    name_b text,
    address_a text,
    address_b text,
    network_a text,
    network_b text,
    name_similarity double precision,
    address_similarity double precision,
    score double precision,
    site_id text
)
language sql stable security definer
rows 100000
set enable_nestloop = off
set enable_mergejoin = off
set work_mem = '256MB'
set search_path = pg_catalog, pg_temp
as $$
with recursive located as materialized (
    select
        s.source,
        s.station_id,
        s.latitude,
        s.longitude,
        g.cell_y,
        floor(g.x)::bigint as cell_x,
        g.x - floor(g.x) as within_x,
        g.y - g.cell_y as within_y,
        s.longitude * core.grid_row_scale(g.cell_y + 1) / 0.0009::float8 as x_above,
        coalesce(k.name_key, '') as name_key,
        coalesce(k.name_core, '') as name_core,
        coalesce(lower(s.network), '') as network_key,
        translate(lower(s.street_address), '.,', '') as address_key,
        coalesce(lower(s.city), '') as city_key
    from reporting.station as s
    cross join lateral (
        select
            s.latitude / 0.0009::float8 as y,
            floor(s.latitude / 0.0009::float8)::bigint as cell_y,
            s.longitude * core.grid_row_scale(floor(s.latitude / 0.0009::float8)::bigint)
            / 0.0009::float8 as x
    ) as g
    left join core.station_name_key as k on k.station_name = s.station_name
    where s.is_existing and s.latitude is not null and s.longitude is not null
),

spelling as (
    select
        n.network_key,
        core.network_key(n.network_key) as network_spelling
    from (select distinct network_key from located) as n
),

-- The stations of a cell beyond its first 100 by ID take no part.
over_cap as (
    select
        source,
        station_id
    from (
        select
            l.source,
            l.station_id,
            row_number() over (
                partition by l.source, l.cell_y, l.cell_x order by l.station_id
            ) as cell_rank
        from located as l
        inner join (
            select
                source,
                cell_y,
                cell_x
            from located
            group by source, cell_y, cell_x
            having count(*) > 100
        ) as crowded
            on crowded.source = l.source and crowded.cell_y = l.cell_y and crowded.cell_x = l.cell_x
    ) as ranked
    where cell_rank > 100
),

candidate as materialized (
    select l.*
    from located as l
    where not exists (
        select from over_cap as o
        where o.source = l.source and o.station_id = l.station_id
    )
),

-- Each pair is found once: in one cell from the station whose ID is lower,
-- across a column from the station on the left, across a row from the one below.
probe as (
    select
        c.source,
        c.station_id,
        c.latitude,
        c.longitude,
        c.name_key,
        c.name_core,
        c.network_key,
        true as is_own_cell,
        c.cell_y as probe_y,
        c.cell_x as probe_x
    from candidate as c
    union all
    select
        c.source,
        c.station_id,
        c.latitude,
        c.longitude,
        c.name_key,
        c.name_core,
        c.network_key,
        false as is_own_cell,
        c.cell_y as probe_y,
        c.cell_x + 1 as probe_x
    from candidate as c
    where c.within_x >= 0.7
    union all
    select
        c.source,
        c.station_id,
        c.latitude,
        c.longitude,
        c.name_key,
        c.name_core,
        c.network_key,
        false as is_own_cell,
        c.cell_y + 1 as probe_y,
        floor(c.x_above)::bigint + side.dx as probe_x
    from candidate as c
    cross join (values (-1), (0), (1)) as side (dx)
    where
        c.within_y >= 0.7
        and (
            side.dx = 0
            or (side.dx = -1 and c.x_above - floor(c.x_above) <= 0.3)
            or (side.dx = 1 and c.x_above - floor(c.x_above) >= 0.7)
        )
),

near as (
    select
        a.source,
        a.station_id as id_a,
        b.station_id as id_b,
        a.name_key as name_key_a,
        b.name_key as name_key_b,
        a.name_core = b.name_core as is_same_core,
        a.network_key = b.network_key as is_same_network,
        a.network_key as network_key_a,
        b.network_key as network_key_b,
        core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) as distance_m,
        false as is_same_address_only
    from probe as a
    inner join candidate as b
        on b.source = a.source and b.cell_y = a.probe_y and b.cell_x = a.probe_x
    where
        (not a.is_own_cell or b.station_id > a.station_id)
        and abs(b.latitude - a.latitude) <= 0.00023
        and core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) <= 25
),

-- Farther apart, only site siblings at one address count: same network,
-- address, city and name core, with names that differ.
at_address as (
    select c.*
    from candidate as c
    where c.address_key <> '' and c.name_key <> ''
),

same_address as (
    select
        a.source,
        a.station_id as id_a,
        b.station_id as id_b,
        a.name_key as name_key_a,
        b.name_key as name_key_b,
        true as is_same_core,
        true as is_same_network,
        a.network_key as network_key_a,
        b.network_key as network_key_b,
        core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) as distance_m,
        true as is_same_address_only
    from at_address as a
    inner join at_address as b
        on
            b.source = a.source
            and b.network_key = a.network_key
            and b.address_key = a.address_key
            and b.city_key = a.city_key
            and b.name_core = a.name_core
            and b.station_id > a.station_id
    where
        a.name_key <> b.name_key
        and core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) > 25
        and core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) <= 200
),

near_or_same_address as (
    select
        source,
        id_a,
        id_b,
        name_key_a,
        name_key_b,
        is_same_core,
        is_same_network,
        network_key_a,
        network_key_b,
        distance_m,
        is_same_address_only
    from near
    union all
    select
        source,
        id_a,
        id_b,
        name_key_a,
        name_key_b,
        is_same_core,
        is_same_network,
        network_key_a,
        network_key_b,
        distance_m,
        is_same_address_only
    from same_address
),

compared as (
    select
        p.source,
        least(p.id_a, p.id_b) as station_a,
        greatest(p.id_a, p.id_b) as station_b,
        round(p.distance_m * 10) / 10 as distance_m,
        p.is_same_address_only,
        p.is_same_network,
        p.name_key_a,
        p.name_key_b,
        p.name_key_a <> ''
        and p.name_key_b <> ''
        and p.is_same_core
        and p.name_key_a <> p.name_key_b as names_differ_by_unit,
        coalesce(wa.network_spelling, '') = coalesce(wb.network_spelling, '')
        or coalesce(wa.network_spelling, '') in ('', 'nonnetworked')
        or coalesce(wb.network_spelling, '') in ('', 'nonnetworked') as networks_alike
    from near_or_same_address as p
    left join spelling as wa on wa.network_key = p.network_key_a
    left join spelling as wb on wb.network_key = p.network_key_b
),

-- Pairs at one address are siblings by how they were found (same_address).
pair as materialized (
    select
        source,
        station_a,
        station_b,
        distance_m,
        names_differ_by_unit,
        is_same_network and names_differ_by_unit as is_sibling,
        name_words_contained,
        networks_alike,
        not is_same_address_only
        and not names_differ_by_unit
        and coalesce(name_words_contained, false)
        and networks_alike as is_duplicate
    from compared
    cross join lateral (
        -- only asked of names that unit words do not tell apart (the costly part)
        select
            case
                when not names_differ_by_unit then
                    name_key_a <> ''
                    and name_key_b <> ''
                    and (
                        name_key_a = name_key_b
                        or string_to_array(name_key_a, ' ') @> string_to_array(name_key_b, ' ')
                        or string_to_array(name_key_b, ' ') @> string_to_array(name_key_a, ' ')
                    )
            end as name_words_contained
    ) as words
),

-- A probable duplicate's names, addresses and networks, and how alike they are.
duplicate as (
    select
        p.source,
        p.station_a,
        p.station_b,
        p.distance_m,
        p.names_differ_by_unit,
        p.is_sibling,
        p.name_words_contained,
        p.networks_alike,
        a.station_name as name_a,
        b.station_name as name_b,
        a.street_address as address_a,
        b.street_address as address_b,
        a.network as network_a,
        b.network as network_b,
        core.word_similarity(a.station_name, b.station_name) as name_similarity,
        core.word_similarity(a.street_address, b.street_address) as address_similarity
    from pair as p
    inner join reporting.station as a on a.source = p.source and a.station_id = p.station_a
    inner join reporting.station as b on b.source = p.source and b.station_id = p.station_b
    where p.is_duplicate
),

-- Sites: each sibling first takes the smallest ID among itself and its
-- siblings, which settles every site whose chargers all stand within reach of
-- one another; then the few links left between those first labels are
-- followed to their end, so that a chain of siblings of any length is one site.
first_label as materialized (
    select
        source,
        station_id,
        min(label) as label
    from (
        select
            source,
            station_a as station_id,
            station_a as label
        from pair
        where is_sibling
        union all
        select
            source,
            station_b as station_id,
            station_a as label
        from pair
        where is_sibling
    ) as proposed
    group by source, station_id
),

label_link as materialized (
    select distinct
        p.source,
        a.label as label_a,
        b.label as label_b
    from pair as p
    inner join first_label as a on a.source = p.source and a.station_id = p.station_a
    inner join first_label as b on b.source = p.source and b.station_id = p.station_b
    where p.is_sibling and a.label <> b.label
),

label_edge as (
    select
        source,
        label_a,
        label_b
    from label_link
    union
    select
        source,
        label_b as label_a,
        label_a as label_b
    from label_link
),

reached (source, label, reached_label) as (
    select distinct
        source,
        label_a as label,
        label_a as reached_label
    from label_edge
    union
    select
        r.source,
        r.label,
        e.label_b as reached_label
    from reached as r
    inner join label_edge as e on e.source = r.source and e.label_a = r.reached_label
),

site_of_label as (
    select
        source,
        label,
        min(reached_label) as site_id
    from reached
    group by source, label
)

select
    'pair' as kind,
    source,
    station_a,
    station_b,
    distance_m,
    names_differ_by_unit,
    is_sibling,
    name_words_contained,
    networks_alike,
    false as is_duplicate,
    null::text as name_a,
    null::text as name_b,
    null::text as address_a,
    null::text as address_b,
    null::text as network_a,
    null::text as network_b,
    null::float8 as name_similarity,
    null::float8 as address_similarity,
    null::float8 as score,
    null::text as site_id
from pair
where not is_duplicate
union all
select
    'pair' as kind,
    source,
    station_a,
    station_b,
    distance_m,
    names_differ_by_unit,
    is_sibling,
    name_words_contained,
    networks_alike,
    true as is_duplicate,
    name_a,
    name_b,
    address_a,
    address_b,
    network_a,
    network_b,
    name_similarity,
    address_similarity,
    -- 0.4 x nearness (1 at the same spot, 0 at 25 m) + 0.3 x each similarity
    round((
        0.4 * (1 - distance_m / 25)
        + 0.3 * coalesce(name_similarity, 0)
        + 0.3 * coalesce(address_similarity, 0)
    )::numeric, 2)::float8 as score,
    null::text as site_id
from duplicate
union all
select
    'site' as kind,
    f.source,
    f.station_id as station_a,
    null::text as station_b,
    null::float8 as distance_m,
    null::boolean as names_differ_by_unit,
    null::boolean as is_sibling,
    null::boolean as name_words_contained,
    null::boolean as networks_alike,
    null::boolean as is_duplicate,
    null::text as name_a,
    null::text as name_b,
    null::text as address_a,
    null::text as address_b,
    null::text as network_a,
    null::text as network_b,
    null::float8 as name_similarity,
    null::float8 as address_similarity,
    null::float8 as score,
    coalesce(s.site_id, f.label) as site_id
from first_label as f
left join site_of_label as s on s.source = f.source and s.label = f.label
$$;
