-- reporting.status_change: every change of a station's status between
-- snapshots, including appearing (from_status null) and being removed
-- (to_status 'removed'). Read from the station history.
-- Grain: one row per (source, station_id, as_of_date).
create view reporting.status_change as
select
    source,
    source_station_id as station_id,
    name as station_name,
    network,
    state,
    valid_from as as_of_date,
    case when follows_on then previous_status end as from_status,
    status as to_status
from core.station_step
where not follows_on or previous_status <> status
union all
select source, source_station_id, name, network, state, valid_to, status, 'removed'
from core.station_history
where ended_by = 'removed';

comment on view reporting.status_change is
    'One row per station status change between snapshots (source, station_id, as_of_date): '
    'from_status is null when the station appeared; to_status is removed when a snapshot '
    'covering its state stopped listing it.';
