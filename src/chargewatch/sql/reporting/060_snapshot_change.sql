-- reporting.snapshot_change: what each snapshot changed in its source's
-- stations, from the station history. stations: listed as of that date.
-- added: first seen; reappeared: back after being removed; changed: a
-- followed attribute differs from the previous version; removed: missing
-- from a snapshot that covers its state.
-- Grain: one row per (source, as_of_date) of the loaded snapshots.
create view reporting.snapshot_change as
with snapshot as (
    select source, as_of_date, array_agg(load_id order by load_id) as load_ids
    from core.load
    where status = 'loaded' and model = 'stations'
    group by source, as_of_date
),

began as (
    select
        h.source,
        h.valid_from as as_of_date,
        count(*) filter (where p.source_station_id is null) as added,
        count(*) filter (where p.valid_to < h.valid_from) as reappeared
    from core.station_history as h
    left join lateral (
        select v.source_station_id, v.valid_to
        from core.station_version as v
        where
            v.source = h.source
            and v.source_station_id = h.source_station_id
            and v.valid_from < h.valid_from
        order by v.valid_from desc
        limit 1
    ) as p on true
    group by h.source, h.valid_from
),

ended as (
    select
        source,
        valid_to as as_of_date,
        count(*) filter (where ended_by = 'changed') as changed,
        count(*) filter (where ended_by = 'removed') as removed
    from core.station_version
    group by source, valid_to
)

select
    s.source,
    s.as_of_date,
    s.load_ids,
    (
        select count(*)
        from core.station_history as h
        where
            h.source = s.source
            and h.valid_from <= s.as_of_date
            and (h.valid_to is null or h.valid_to > s.as_of_date)
    ) as stations,
    coalesce(b.added, 0) as added,
    coalesce(b.reappeared, 0) as reappeared,
    coalesce(e.changed, 0) as changed,
    coalesce(e.removed, 0) as removed
from snapshot as s
left join began as b on b.source = s.source and b.as_of_date = s.as_of_date
left join ended as e on e.source = s.source and e.as_of_date = s.as_of_date;

comment on view reporting.snapshot_change is
    'One row per loaded snapshot of a source (source, as_of_date): how many stations the '
    'source had on that date, and how many that snapshot added, brought back, changed or '
    'removed compared with the snapshot before.';
comment on column reporting.snapshot_change.source is
    'The registry the snapshot came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.snapshot_change.as_of_date is
    'Snapshot date: the date given when the file was loaded, else the day of the newest '
    'Updated At in it.';
comment on column reporting.snapshot_change.load_ids is
    'IDs of the loads (see reporting.load) of this source''s files with this snapshot date, '
    'in order; usually one.';
comment on column reporting.snapshot_change.stations is
    'Stations of the source as they stood on this date, of every status (planned ones '
    'included), including those of states this snapshot''s files do not cover.';
comment on column reporting.snapshot_change.added is
    'Stations listed for the first time in this snapshot.';
comment on column reporting.snapshot_change.reappeared is
    'Stations listed again in this snapshot after an earlier snapshot had removed them.';
comment on column reporting.snapshot_change.changed is
    'Stations listed with a different value than in the snapshot before, in any of: name, '
    'street address, city, state, ZIP, country, latitude, longitude, status, access, facility '
    'type, owner type, network, port counts, connector types, opening-hours text. Each station '
    'counts once however many values changed.';
comment on column reporting.snapshot_change.removed is
    'Stations listed before that this snapshot no longer lists. Only stations of states the '
    'snapshot''s file covers are removed: a file of one state removes nothing in another.';
