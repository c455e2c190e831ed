-- core.station_pairs(): the rows of reporting.station_pair, pairs of existing
-- stations of one source that stand close together: within 25 m, or up to 200 m apart at the same street address.
-- Each pair is either site siblings (separate chargers of one site), a probable
-- duplicate (reporting.duplicate_candidate), or neither. Grain: one row per
-- pair (station_a < station_b).
--
-- Cost is bounded by a grid rather than by comparing every station with every
-- other: latitude rows of 0.00025 degrees (27.8 m), each cut into columns at
-- least 27.8 m wide at that row's latitude, so a station within 25 m of another
-- lies in one of the nine cells around it. Those cells are looked up by
-- equality (hashed), never by scanning. Pairs at the same address are found
-- by equality of network, address and city (lower case, without full stops
-- and commas), and kept only when they are siblings.
--
-- A function rather than a view so that it can plan without nested loops: the
-- planner cannot estimate how many stations the grid lookups pair and, guessing
-- one, would compare every pair with every station. It runs as its owner, as
-- the reporting views do, so that the reader role needs no access to core.
-- Dropped first: an older database may have it with other columns.
drop function if exists core.station_pairs();

create function core.station_pairs()
returns table (
    source text,
    station_a text,
    station_b text,
    name_a text,
    name_b text,
    address_a text,
    address_b text,
    network_a text,
    network_b text,
    distance_m double precision,
    names_differ_by_unit boolean,
    is_sibling boolean,
    name_words_contained boolean,
    networks_alike boolean
)
language sql stable security definer
rows 100000
set enable_nestloop = off
set enable_mergejoin = off
set search_path = pg_catalog, pg_temp
as $$
with keyed as (
    select
        source,
        station_id,
        station_name,
        street_address,
        city,
        network,
        latitude,
        longitude,
        floor(latitude / 0.00025::float8)::bigint as cell_y,
        floor(
            longitude * core.grid_row_scale(floor(latitude / 0.00025::float8)::bigint)
            / 0.00025::float8
        )::bigint as cell_x,
        -- cheaper than core.text_key, and it runs for every station
        translate(lower(street_address), '.,', '') as address_key,
        coalesce(lower(city), '') as city_key,
        coalesce(lower(network), '') as network_key
    from reporting.station
    where is_existing and latitude is not null and longitude is not null
),

-- Candidates are capped: at most 100 stations of one grid cell, and of one
-- network and address, take part (the first by ID). Real sites hold far fewer;
-- a pile of thousands of records on one spot would otherwise be compared pair
-- by pair (millions of pairs) and would say nothing a person could act on.
located as (
    select
        k.*,
        row_number() over (partition by k.source, k.cell_y, k.cell_x order by k.station_id)
            as cell_rank,
        row_number() over (
            partition by k.source, k.network_key, k.address_key, k.city_key order by k.station_id
        ) as address_rank
    from keyed as k
),

-- Each pair is found once: from the station whose row is lower, or, in one
-- row, whose column is lower, or, in one cell, whose ID is lower. So a station
-- looks in its own cell, the next one in its row and three in the row above.
probes as materialized (
    select
        a.source,
        a.station_id,
        a.latitude,
        a.longitude,
        step.dy = 0 and step.dx = 0 as is_own_cell,
        a.cell_y + step.dy as probe_y,
        floor(a.longitude * core.grid_row_scale(a.cell_y + step.dy) / 0.00025::float8)::bigint
        + step.dx as probe_x
    from located as a
    cross join (values (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) as step (dy, dx)
    where a.cell_rank <= 100
),

near as (
    select
        a.source,
        least(a.station_id, b.station_id) as station_a,
        greatest(a.station_id, b.station_id) as station_b
    from probes as a
    inner join located as b
        on
            b.source = a.source
            and b.cell_y = a.probe_y
            and b.cell_x = a.probe_x
    where
        b.cell_rank <= 100
        and (not a.is_own_cell or b.station_id > a.station_id)
        and core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) <= 25
),

same_address as (
    select
        a.source,
        a.station_id as station_a,
        b.station_id as station_b
    from located as a
    inner join located as b
        on
            b.source = a.source
            and b.network_key = a.network_key
            and b.address_key = a.address_key
            and b.city_key = a.city_key
            and b.station_id > a.station_id
    where
        a.address_key <> ''
        and a.address_rank <= 100
        and b.address_rank <= 100
        and core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) > 25
        and core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) <= 200
),

pairs as (
    select
        source,
        station_a,
        station_b,
        false as is_same_address_only
    from near
    union all
    select
        source,
        station_a,
        station_b,
        true as is_same_address_only
    from same_address
),

-- Names are compared only for stations in a pair, and keyed once per distinct
-- name and network (the regular expressions are the costly part).
paired as (
    select
        l.source,
        l.station_id,
        l.station_name,
        l.street_address,
        l.network,
        l.latitude,
        l.longitude,
        l.network_key
    from located as l
    where (l.source, l.station_id) in (
        select
            source,
            station_a
        from pairs
        union all
        select
            source,
            station_b
        from pairs
    )
),

name_keys as (
    select
        n.station_name,
        core.text_key(n.station_name) as name_key
    from (select distinct station_name from paired) as n
),

name_cores as (
    select
        k.name_key,
        core.name_core(k.name_key) as name_core
    from (select distinct name_key from name_keys) as k
),

network_spellings as (
    select
        n.network,
        core.network_key(n.network) as network_spelling
    from (select distinct network from paired) as n
),

named as (
    select
        p.source,
        p.station_id,
        p.station_name,
        p.street_address,
        p.network,
        p.latitude,
        p.longitude,
        p.network_key,
        coalesce(w.network_spelling, '') as network_spelling,
        k.name_key,
        c.name_core
    from paired as p
    left join name_keys as k on k.station_name = p.station_name
    left join name_cores as c on c.name_key = k.name_key
    left join network_spellings as w on w.network = p.network
),

compared as (
    select
        p.source,
        p.station_a,
        p.station_b,
        a.station_name as name_a,
        b.station_name as name_b,
        a.street_address as address_a,
        b.street_address as address_b,
        a.network as network_a,
        b.network as network_b,
        core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) as distance_m,
        p.is_same_address_only,
        a.network_key = b.network_key as is_same_network,
        a.name_key <> ''
        and b.name_key <> ''
        and a.name_core = b.name_core
        and a.name_key <> b.name_key as names_differ_by_unit,
        a.name_key <> ''
        and b.name_key <> ''
        and (
            string_to_array(a.name_key, ' ') @> string_to_array(b.name_key, ' ')
            or string_to_array(b.name_key, ' ') @> string_to_array(a.name_key, ' ')
        ) as name_words_contained,
        a.network_spelling = b.network_spelling
        or a.network_spelling in ('', 'nonnetworked')
        or b.network_spelling in ('', 'nonnetworked') as networks_alike
    from pairs as p
    inner join named as a on a.source = p.source and a.station_id = p.station_a
    inner join named as b on b.source = p.source and b.station_id = p.station_b
)

select
    source,
    station_a,
    station_b,
    name_a,
    name_b,
    address_a,
    address_b,
    network_a,
    network_b,
    round(distance_m::numeric, 1)::float8 as distance_m,
    names_differ_by_unit,
    is_same_network and names_differ_by_unit as is_sibling,
    name_words_contained,
    networks_alike
from compared
where not is_same_address_only or (is_same_network and names_differ_by_unit)
$$;
