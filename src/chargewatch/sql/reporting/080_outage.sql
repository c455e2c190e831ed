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
    'One row per outage of a station (source, station_id, started_on): a run of consecutive '
    'snapshots that list the station as temporarily unavailable (AFDC status code T). It ends '
    'with the first snapshot that lists another status or no longer lists the station; while '
    'it has not ended it is open.';
comment on column reporting.outage.source is
    'The registry the station came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.outage.station_id is
    'The station''s ID in its source (for AFDC, the ID column).';
comment on column reporting.outage.station_name is
    'Station name as published in the last snapshot of the outage.';
comment on column reporting.outage.network is
    'Charging network as published in the last snapshot of the outage.';
comment on column reporting.outage.state is
    'Two-letter state code in capitals, e.g. WA; null when not given.';
comment on column reporting.outage.city is 'City as published; null when not given.';
comment on column reporting.outage.started_on is
    'Date the outage began: the station''s AFDC Expected Date when that is on or before the '
    'first snapshot listing it down (automated network feeds put the go-down date there; a '
    'later date is the expected reopening), else that first snapshot date. start_basis says '
    'which.';
comment on column reporting.outage.start_basis is
    'Where started_on comes from: expected_date (the AFDC Expected Date) or snapshot (the '
    'first snapshot date listing the station as temporarily unavailable).';
comment on column reporting.outage.first_listed_down is
    'First snapshot date that listed the station as temporarily unavailable in this outage.';
comment on column reporting.outage.ended_on is
    'Snapshot date the outage ended: the first snapshot that listed the station with another '
    'status or no longer listed it. Null while open.';
comment on column reporting.outage.ended_as is
    'How the outage ended: the status the station was listed with next (operational, planned '
    'or unknown), or removed when a snapshot no longer listed it. Null while open.';
comment on column reporting.outage.is_open is
    'True while the outage goes on: no snapshot since has listed another status for the '
    'station or stopped listing it.';
comment on column reporting.outage.days is
    'Length of the outage in whole days: ended_on minus started_on; while open, the newest '
    'snapshot date that listed the station minus started_on. Only as precise as the '
    'snapshots: the station counts as down until the snapshot that shows otherwise.';
comment on column reporting.outage.last_listed_on is
    'The date of the newest file that listed the station in this outage: what "down now" '
    'rests on. For a state whose newest file is old, this is old too.';
