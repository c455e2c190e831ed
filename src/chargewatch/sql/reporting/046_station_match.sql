-- core.station_matches(): probable matches between the registries — pairs of
-- existing current stations of two different sources (e.g. afdc and ocm) that
-- stand within 50 m of each other and have similar names or street addresses.
-- Grain: one row per pair (source_a < source_b).
--
-- Candidates come from a grid, as in core.station_links: latitude rows of
-- 0.0009 degrees (100 m), each cut into columns at least 100 m wide
-- (core.grid_row_scale). A station of source_a looks in the three columns
-- around it of its own row and of the rows above and below, so every station
-- within 50 m is found; cells are looked up by equality (hashed).
--
-- similar: word similarity (core.word_similarity) of the names at least 0.3,
-- or of the street addresses at least 0.5. score, 0 to 1: 0.4 for nearness
-- (1 at 0 m, 0 at 50 m), 0.3 for the names' similarity and 0.3 for the
-- addresses'. is_best: the pair matches its stations one to one. Best pairs
-- are taken in rounds: each round takes the pairs that are each other's best
-- (ties to the smaller station ID) among the pairs whose stations are still
-- free, so a station whose best match went to another still gets its next
-- best (at most 50 rounds; real data needs a few).
drop function if exists core.station_matches();

create function core.station_matches()
returns table (
    source_a text,
    station_a text,
    source_b text,
    station_b text,
    distance_m double precision,
    name_similarity double precision,
    address_similarity double precision,
    score double precision,
    is_best boolean
)
language sql stable security definer
rows 10000
set enable_nestloop = off
set work_mem = '256MB'
set search_path = pg_catalog, pg_temp
as $$
with recursive located as materialized (
    select
        s.source,
        s.station_id,
        s.station_name,
        s.street_address,
        s.latitude,
        s.longitude,
        floor(s.latitude / 0.0009::float8)::bigint as cell_y
    from reporting.station as s
    where s.is_existing and s.latitude is not null and s.longitude is not null
),

placed as (
    select
        l.*,
        floor(l.longitude * core.grid_row_scale(l.cell_y) / 0.0009::float8)::bigint as cell_x
    from located as l
),

probe as (
    select
        l.source,
        l.station_id,
        l.station_name,
        l.street_address,
        l.latitude,
        l.longitude,
        l.cell_y + dy.dy as probe_y,
        floor(l.longitude * core.grid_row_scale(l.cell_y + dy.dy) / 0.0009::float8)::bigint
        + dx.dx as probe_x
    from located as l
    cross join (values (-1), (0), (1)) as dy (dy)
    cross join (values (-1), (0), (1)) as dx (dx)
),

near as (
    select
        a.source as source_a,
        a.station_id as station_a,
        b.source as source_b,
        b.station_id as station_b,
        round(core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude)::numeric, 1)::float8
            as distance_m,
        core.word_similarity(a.station_name, b.station_name) as name_similarity,
        core.word_similarity(a.street_address, b.street_address) as address_similarity
    from probe as a
    inner join placed as b
        on b.cell_y = a.probe_y and b.cell_x = a.probe_x and b.source > a.source
    where core.distance_m(a.latitude, a.longitude, b.latitude, b.longitude) <= 50
),

scored as (
    select
        n.*,
        round((
            0.4 * (1 - n.distance_m / 50)
            + 0.3 * coalesce(n.name_similarity, 0)
            + 0.3 * coalesce(n.address_similarity, 0)
        )::numeric, 3)::float8 as score
    from near as n
    where n.name_similarity >= 0.3 or n.address_similarity >= 0.5
),

rounds (source_a, station_a, source_b, station_b, score, chosen, round) as (
    select s.source_a, s.station_a, s.source_b, s.station_b, s.score, false, 0
    from scored as s
    union all
    select
        source_a, station_a, source_b, station_b, score,
        rank_for_a = 1 and rank_for_b = 1, round + 1
    from (
        select
            f.*,
            row_number() over (
                partition by f.source_a, f.station_a, f.source_b order by f.score desc, f.station_b
            ) as rank_for_a,
            row_number() over (
                partition by f.source_b, f.station_b, f.source_a order by f.score desc, f.station_a
            ) as rank_for_b
        from (
            select
                r.*,
                first_value(r.chosen) over (
                    partition by r.source_a, r.station_a, r.source_b order by r.chosen desc
                ) as a_taken,
                first_value(r.chosen) over (
                    partition by r.source_b, r.station_b, r.source_a order by r.chosen desc
                ) as b_taken
            from rounds as r
            where r.round < 50
        ) as f
        where not f.a_taken and not f.b_taken
    ) as ranked
),

best as (
    select source_a, station_a, source_b, station_b, bool_or(chosen) as is_best
    from rounds
    group by source_a, station_a, source_b, station_b
)

select
    s.source_a, s.station_a, s.source_b, s.station_b, s.distance_m, s.name_similarity,
    s.address_similarity, s.score, b.is_best
from scored as s
inner join best as b using (source_a, station_a, source_b, station_b)
$$;

create view reporting.station_match as
select
    m.source_a,
    m.station_a,
    m.source_b,
    m.station_b,
    a.station_name as name_a,
    b.station_name as name_b,
    a.street_address as address_a,
    b.street_address as address_b,
    a.state as state_a,
    b.state as state_b,
    a.network as network_a,
    b.network as network_b,
    m.distance_m,
    m.name_similarity,
    m.address_similarity,
    m.score,
    m.is_best
from core.station_matches() as m
inner join reporting.station as a on a.source = m.source_a and a.station_id = m.station_a
inner join reporting.station as b on b.source = m.source_b and b.station_id = m.station_b;

comment on view reporting.station_match is
    'One row per pair of existing current stations of two different sources (source_a < '
    'source_b, such as afdc and ocm): probable matches between registries, within 50 m of each other '
    'whose names (word similarity at least 0.3) or street addresses (at least 0.5) are alike. '
    'is_best pairs match stations one to one.';
comment on column reporting.station_match.source_a is
    'Source of station_a: the first of the two by name (afdc before ocm).';
comment on column reporting.station_match.station_a is 'Station ID in source_a.';
comment on column reporting.station_match.source_b is 'Source of station_b.';
comment on column reporting.station_match.station_b is 'Station ID in source_b.';
comment on column reporting.station_match.name_a is 'Name of station_a as published.';
comment on column reporting.station_match.name_b is 'Name of station_b as published.';
comment on column reporting.station_match.address_a is 'Street address of station_a as published.';
comment on column reporting.station_match.address_b is 'Street address of station_b as published.';
comment on column reporting.station_match.state_a is 'State of station_a.';
comment on column reporting.station_match.state_b is 'State of station_b.';
comment on column reporting.station_match.network_a is 'Charging network of station_a.';
comment on column reporting.station_match.network_b is 'Charging network of station_b.';
comment on column reporting.station_match.distance_m is
    'Great-circle distance between the two stations, metres, one decimal (at most 50).';
comment on column reporting.station_match.name_similarity is
    'Share of words the two names have in common (0 to 1; null when neither has a word).';
comment on column reporting.station_match.address_similarity is
    'Share of words the two street addresses have in common (0 to 1; null when neither has one).';
comment on column reporting.station_match.score is
    'How probable the match is, 0 to 1: 0.4 for nearness (1 at 0 m, 0 at 50 m), 0.3 for the '
    'names'' similarity, 0.3 for the addresses''.';
comment on column reporting.station_match.is_best is
    'The pair matches its two stations one to one: pairs are taken best score first (each '
    'other''s best among the stations still free, ties to the smaller ID), so a station whose '
    'best match went to another still gets its next best. What chargewatch quality --compare '
    'counts as matched.';
