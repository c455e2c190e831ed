-- reporting.station_pair: pairs of existing stations of one source that stand
-- close together (within 25 m, or up to 200 m apart at the same street address
-- and city when site siblings), each site siblings, a probable duplicate or
-- neither; computed by core.station_links(). Grain: one row per pair
-- (station_a < station_b).
create view reporting.station_pair as
select
    l.source,
    l.station_a,
    l.station_b,
    a.station_name as name_a,
    b.station_name as name_b,
    a.street_address as address_a,
    b.street_address as address_b,
    a.network as network_a,
    b.network as network_b,
    l.distance_m,
    l.names_differ_by_unit,
    l.is_sibling,
    l.name_words_contained,
    l.networks_alike
from core.station_links() as l
inner join reporting.station as a on a.source = l.source and a.station_id = l.station_a
inner join reporting.station as b on b.source = l.source and b.station_id = l.station_b
where l.kind = 'pair';

comment on view reporting.station_pair is
    'One row per pair of existing stations of one source standing close together: within '
    '25 m, or up to 200 m apart at the same street address and city when site siblings. Each pair is site siblings '
    '(is_sibling), a probable duplicate (see duplicate_candidate) or neither. At most 100 '
    'stations of one spot (a grid cell about 100 m across) are compared (the first by ID): '
    'a pile of thousands of records on one spot is not compared pair by pair.';
comment on column reporting.station_pair.station_a is 'The smaller station ID of the pair.';
comment on column reporting.station_pair.station_b is 'The larger station ID of the pair.';
comment on column reporting.station_pair.distance_m is
    'Great-circle distance between the two stations, metres, one decimal.';
comment on column reporting.station_pair.names_differ_by_unit is
    'The names differ, but only by trailing charger numbers or unit words ("Garage #2" and '
    '"Garage #3", "1st Floor" and "2nd Floor", "Station 1", "Level 2", "Unit A"): separate '
    'chargers, never a duplicate.';
comment on column reporting.station_pair.is_sibling is
    'Site siblings: same network, and names that differ only by trailing charger numbers or '
    'unit words. Siblings are grouped into one site (station_site, site).';
comment on column reporting.station_pair.name_words_contained is
    'Every word of one name is in the other ("Kia of Everett" and "KIA OF EVERETT - Tesla '
    'Destination"), ignoring case and punctuation; true for equal names. Null when the names '
    'differ only by charger numbers or unit words (names_differ_by_unit), which are never '
    'duplicates.';
comment on column reporting.station_pair.networks_alike is
    'The two networks could list the same chargers: the same network however spelt '
    '("ChargePoint Network" and "CHARGEPOINT"), or one of them unknown or Non-Networked.';
comment on column reporting.station_pair.source is
    'The registry both stations came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.station_pair.name_a is 'Name of station_a as published.';
comment on column reporting.station_pair.name_b is 'Name of station_b as published.';
comment on column reporting.station_pair.address_a is 'Street address of station_a as published.';
comment on column reporting.station_pair.address_b is 'Street address of station_b as published.';
comment on column reporting.station_pair.network_a is
    'Charging network of station_a as published (e.g. ChargePoint Network); null when not given.';
comment on column reporting.station_pair.network_b is
    'Charging network of station_b as published; null when not given.';
