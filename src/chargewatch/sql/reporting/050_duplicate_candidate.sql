-- reporting.duplicate_candidate: probable duplicates, two station IDs of one
-- source that likely describe the same chargers. A pair of existing stations
-- (core.station_links) within 25 m of each other whose names are alike
-- (every word of one name is in the other, equal names included, ignoring case
-- and punctuation) on networks that could list the same chargers (the same
-- network however spelt, or one of them unknown or Non-Networked). Left out:
-- site siblings and any other pair whose names differ only by charger numbers
-- or unit words ("Garage #2"/"Garage #3" are two chargers, whatever their
-- networks say). Grain: one row per pair (station_a < station_b).
create view reporting.duplicate_candidate as
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
    score,
    network_a,
    network_b
from core.station_links()
where kind = 'pair' and is_duplicate;

comment on view reporting.duplicate_candidate is
    'One row per pair of probable duplicate stations (source, station_a, station_b): two '
    'existing stations of one source, with different IDs, at most 25 metres apart, whose names '
    'are alike (every word of one name is in the other), on the same network however spelt or '
    'with one of them unknown or Non-Networked. Separate chargers of one site, whose names '
    'differ only by charger numbers or unit words (#2, 2nd Floor, Station 1), are not here: '
    'see reporting.site. Each pair appears once, station_a before station_b; score ranks how '
    'likely a duplicate is. Pairs come from reporting.station_pair, which compares at most '
    '100 stations of one spot.';
comment on column reporting.duplicate_candidate.source is
    'The registry both stations came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
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
    'and punctuation ignored). 1 means the same words in any order, 0 none in common; null '
    'when neither name has a word.';
comment on column reporting.duplicate_candidate.address_similarity is
    'Share 0–1 of words the two street addresses have in common: words in both ÷ words in '
    'either (case and punctuation ignored). Null when neither address has a word.';
comment on column reporting.duplicate_candidate.score is
    'How likely the pair is a duplicate, 0–1 (rounded to 0.01): 0.4 × nearness + 0.3 × '
    'name_similarity + 0.3 × address_similarity, where nearness = 1 − distance_m ÷ 25 (1 at '
    'the same spot, 0 at 25 m) and a missing similarity counts as 0.';
comment on column reporting.duplicate_candidate.network_a is
    'Charging network of station_a as published (e.g. ChargePoint Network); null when not given.';
comment on column reporting.duplicate_candidate.network_b is
    'Charging network of station_b as published; null when not given.';
