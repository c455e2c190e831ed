-- reporting.duplicate_candidate: probable duplicates, two station IDs of one
-- source that likely describe the same chargers. A pair of existing stations
-- (reporting.station_pair) within 25 m of each other whose names are alike
-- (every word of one name is in the other, equal names included, ignoring case
-- and punctuation) on networks that could list the same chargers (the same
-- network however spelt, or one of them unknown or Non-Networked). Left out:
-- site siblings and any other pair whose names differ only by charger numbers
-- or unit words ("Garage #2"/"Garage #3" are two chargers, whatever their
-- networks say). Grain: one row per pair (station_a < station_b).
create view reporting.duplicate_candidate as
with compared as (
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
        distance_m,
        core.word_similarity(name_a, name_b) as name_similarity,
        core.word_similarity(address_a, address_b) as address_similarity
    from reporting.station_pair
    where
        distance_m <= 25
        and name_words_contained
        and not names_differ_by_unit
        and networks_alike
)

select
    source,
    station_a,
    station_b,
    name_a,
    name_b,
    address_a,
    address_b,
    distance_m,
    name_similarity,
    address_similarity,
    round((
        0.4 * (1 - distance_m / 25)
        + 0.3 * coalesce(name_similarity, 0)
        + 0.3 * coalesce(address_similarity, 0)
    )::numeric, 2)::float8 as score,
    network_a,
    network_b
from compared;

comment on view reporting.duplicate_candidate is
    'Probable duplicates: two existing stations of one source within 25 m whose names are '
    'alike (every word of one name is in the other), on the same network however spelt or '
    'with one of them unknown or Non-Networked. Separate chargers of one site, whose '
    'names differ only by charger numbers or unit words, are not here (see site). '
    'score = 0.4 x nearness + 0.3 x name + 0.3 x address similarity, 0..1.';
comment on column reporting.duplicate_candidate.distance_m is
    'Great-circle distance between the two stations, metres, one decimal.';
comment on column reporting.duplicate_candidate.name_similarity is
    'Share of words the two names have in common (0..1), ignoring case and punctuation.';
comment on column reporting.duplicate_candidate.address_similarity is
    'Share of words the two street addresses have in common (0..1); null when neither has one.';
comment on column reporting.duplicate_candidate.network_a is 'Charging network of station_a.';
comment on column reporting.duplicate_candidate.network_b is 'Charging network of station_b.';
