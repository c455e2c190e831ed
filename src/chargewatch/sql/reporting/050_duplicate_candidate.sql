-- reporting.duplicate_candidate: pairs of existing stations of one source, with
-- different IDs, within 25 m of each other and with similar names or addresses
-- (at least half their words in common). Grain: one row per pair (station_a <
-- station_b). Nearby stations are found by cells of 0.00025° latitude (27.8 m)
-- and as many cells of longitude as 25 m spans at that latitude.
create view reporting.duplicate_candidate as
with located as (
    select
        source,
        station_id,
        station_name,
        street_address,
        latitude,
        longitude,
        floor(latitude / 0.00025)::bigint as cell_y,
        floor(longitude / 0.00025)::bigint as cell_x,
        least(50, ceil(25 / (111320 * 0.00025 * cos(radians(latitude)))))::integer as reach_x
    from reporting.station
    where is_existing and latitude is not null and longitude is not null
),

nearby as (
    select
        a.source,
        a.station_id as station_a,
        b.station_id as station_b,
        a.station_name as name_a,
        b.station_name as name_b,
        a.street_address as address_a,
        b.street_address as address_b,
        2 * 6371008.8 * asin(sqrt(
            power(sin(radians(b.latitude - a.latitude) / 2), 2)
            + cos(radians(a.latitude)) * cos(radians(b.latitude))
            * power(sin(radians(b.longitude - a.longitude) / 2), 2)
        )) as distance_m
    from located as a
    cross join lateral generate_series(-1, 1) as dy
    cross join lateral generate_series(-a.reach_x, a.reach_x) as dx
    inner join located as b
        on
            b.source = a.source
            and b.cell_y = a.cell_y + dy
            and b.cell_x = a.cell_x + dx
            and b.station_id > a.station_id
),

compared as (
    select
        *,
        core.word_similarity(name_a, name_b) as name_similarity,
        core.word_similarity(address_a, address_b) as address_similarity
    from nearby
    where distance_m <= 25
)

select
    source,
    station_a,
    station_b,
    name_a,
    name_b,
    address_a,
    address_b,
    round(distance_m::numeric, 1)::float8 as distance_m,
    name_similarity,
    address_similarity,
    round((
        0.4 * (1 - distance_m / 25)
        + 0.3 * coalesce(name_similarity, 0)
        + 0.3 * coalesce(address_similarity, 0)
    )::numeric, 2)::float8 as score
from compared
where name_similarity >= 0.5 or address_similarity >= 0.5;

comment on view reporting.duplicate_candidate is
    'One row per pair of probable duplicate stations (source, station_a, station_b): two '
    'existing stations of one source, with different IDs, at most 25 metres apart, that have '
    'at least half the words of their names or of their street addresses in common. Each pair '
    'appears once, with station_a before station_b. score ranks how likely a duplicate is.';
comment on column reporting.duplicate_candidate.source is
    'Data source of both stations. Today always afdc: the station export of the US Department '
    'of Energy''s Alternative Fuels Data Center (AFDC).';
comment on column reporting.duplicate_candidate.station_a is
    'ID of the first station of the pair in its source (the smaller ID, compared as text).';
comment on column reporting.duplicate_candidate.station_b is
    'ID of the second station of the pair (the larger ID, compared as text).';
comment on column reporting.duplicate_candidate.name_a is 'Name of station_a as published.';
comment on column reporting.duplicate_candidate.name_b is 'Name of station_b as published.';
comment on column reporting.duplicate_candidate.address_a is
    'Street address of station_a as published.';
comment on column reporting.duplicate_candidate.address_b is
    'Street address of station_b as published.';
comment on column reporting.duplicate_candidate.distance_m is
    'Distance between the two stations in metres, along the Earth''s surface, rounded to '
    '0.1 m; from 0 to 25.';
comment on column reporting.duplicate_candidate.name_similarity is
    'Share 0–1 of words the two names have in common: words in both ÷ words in either (case '
    'ignored; a word is a run of letters and digits). 1 means the same words in any order, '
    '0 none in common; null when neither name has a word.';
comment on column reporting.duplicate_candidate.address_similarity is
    'Share 0–1 of words the two street addresses have in common: words in both ÷ words in '
    'either (case ignored; a word is a run of letters and digits). Null when neither address '
    'has a word.';
comment on column reporting.duplicate_candidate.score is
    'How likely the pair is a duplicate, 0–1 (rounded to 0.01): 0.4 × nearness + 0.3 × '
    'name_similarity + 0.3 × address_similarity, where nearness = 1 − distance_m ÷ 25 (1 at '
    'the same spot, 0 at 25 m) and a missing similarity counts as 0.';
