-- reporting.outage: outage episodes, from the station history. An episode is
-- a run of consecutive versions whose status is temporarily_unavailable. It
-- starts on the first snapshot date that lists the station down, or on its
-- Expected Date when that is not after it (automated network feeds give the
-- go-down date there; a later date is the expected reopening). It ends on the
-- first snapshot date that lists another status, or that removes the station
-- (ended_as); an open one has no end and its days run to the newest snapshot
-- that listed the station (a later file of another state says nothing of it).
-- Grain: one row per (source, station_id, started_on).
create view reporting.outage as
with numbered as (
    select
        s.*,
        count(*) filter (
            where not (s.follows_on and s.previous_status = 'temporarily_unavailable')
        ) over (partition by s.source, s.source_station_id order by s.valid_from) as run_number
    from core.station_step as s
    where s.status = 'temporarily_unavailable'
),

episode as (
    select
        source,
        source_station_id,
        min(valid_from) as first_listed_down,
        (array_agg(expected_date order by valid_from))[1] as expected_date,
        (array_agg(valid_to order by valid_from desc))[1] as valid_to,
        (array_agg(ended_by order by valid_from desc))[1] as ended_by,
        max(as_of_date) as last_listed,
        (array_agg(next_status order by valid_from desc))[1] as next_status,
        (array_agg(name order by valid_from desc))[1] as name,
        (array_agg(network order by valid_from desc))[1] as network,
        (array_agg(state order by valid_from desc))[1] as state,
        (array_agg(city order by valid_from desc))[1] as city
    from numbered
    group by source, source_station_id, run_number
),

dated as (
    select
        e.*,
        coalesce(e.expected_date <= e.first_listed_down, false) as started_by_expected_date,
        case when e.ended_by = 'removed' then 'removed' else e.next_status end as ended_as
    from episode as e
)

select
    source,
    source_station_id as station_id,
    name as station_name,
    network,
    state,
    city,
    case when started_by_expected_date then expected_date else first_listed_down end
        as started_on,
    case when started_by_expected_date then 'expected_date' else 'snapshot' end as start_basis,
    first_listed_down,
    last_listed as last_listed_on,
    valid_to as ended_on,
    ended_as,
    valid_to is null as is_open,
    coalesce(valid_to, last_listed)
    - case when started_by_expected_date then expected_date else first_listed_down end as days
from dated;

comment on view reporting.outage is
    'One row per outage episode of a station (temporarily unavailable in consecutive '
    'snapshots): started_on (start_basis: expected_date or snapshot), ended_on and ended_as '
    '(the next status, or removed; null while open), days down (while open, to the newest '
    'snapshot that listed the station).';
comment on column reporting.outage.last_listed_on is
    'The date of the newest file that listed the station in this outage: what "down now" '
    'rests on. For a state whose newest file is old, this is old too.';
