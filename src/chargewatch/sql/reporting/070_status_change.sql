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
    'One row per change of a station''s status between snapshots (source, station_id, '
    'as_of_date), including its first appearance (from_status is null) and its removal '
    '(to_status is removed).';
comment on column reporting.status_change.source is
    'The registry the station came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.status_change.station_id is
    'The station''s ID in its source (for AFDC, the ID column).';
comment on column reporting.status_change.station_name is
    'Station name as published in the snapshot of the change (for a removal, in the last '
    'snapshot that listed the station).';
comment on column reporting.status_change.network is
    'Charging network as published in the snapshot of the change (for a removal, in the last '
    'snapshot that listed the station), e.g. ChargePoint Network.';
comment on column reporting.status_change.state is
    'Two-letter state code in capitals, e.g. WA; null when not given.';
comment on column reporting.status_change.as_of_date is
    'Snapshot date the new status was first seen.';
comment on column reporting.status_change.from_status is
    'Status before the change: operational (AFDC status code E), temporarily_unavailable (T), '
    'planned (P) or unknown (no status code). Null when the station appears for the first '
    'time, or again after an earlier snapshot had removed it.';
comment on column reporting.status_change.to_status is
    'Status from this snapshot on: operational (AFDC status code E), temporarily_unavailable '
    '(T), planned (P), unknown (no status code), or removed when a snapshot covering the '
    'station''s state no longer lists it.';
