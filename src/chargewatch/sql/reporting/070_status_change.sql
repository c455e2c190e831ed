-- reporting.status_change: every change of a station's status between
-- snapshots, including appearing (from_status null) and being removed
-- (to_status 'removed'). Read from the station history.
-- Grain: one row per (source, station_id, as_of_date).
create view reporting.status_change as
with version as (
    select
        h.source,
        h.source_station_id,
        h.name,
        h.network,
        h.state,
        h.valid_from,
        h.valid_to,
        h.ended_by,
        h.status,
        lag(h.status) over w as previous_status,
        lag(h.valid_to) over w as previous_valid_to
    from core.station_history as h
    window w as (partition by h.source, h.source_station_id order by h.valid_from)
)

select
    source,
    source_station_id as station_id,
    name as station_name,
    network,
    state,
    valid_from as as_of_date,
    case when previous_valid_to = valid_from then previous_status end as from_status,
    status as to_status
from version
where previous_valid_to is distinct from valid_from or previous_status <> status
union all
select
    source,
    source_station_id,
    name,
    network,
    state,
    valid_to,
    status,
    'removed'
from version
where ended_by = 'removed';

comment on view reporting.status_change is
    'One row per station status change between snapshots (source, station_id, as_of_date): '
    'from_status is null when the station appeared; to_status is removed when a snapshot '
    'covering its state stopped listing it.';
