-- Records of one load whose Updated At is older than the same station's Updated
-- At in an earlier snapshot (a load of the same source with an older as-of
-- date): the registry's clock for that station went backwards.
-- Grain: one row per such station.
with this_load as (
    select a.station_id, a.updated_at, l.source, l.as_of_date
    from {staging} as a
    inner join core.load as l on l.load_id = a.load_id
    where a.load_id = %(load_id)s
),

earlier as (
    select a.station_id, max(a.updated_at) as newest_before
    from {staging} as a
    inner join core.load as l on l.load_id = a.load_id
    where
        l.status = 'loaded'
        and l.source = (select max(source) from this_load)
        and l.as_of_date < (select max(as_of_date) from this_load)
        and a.station_id in (select station_id from this_load)
    group by a.station_id
)

select t.station_id, t.updated_at, e.newest_before
from this_load as t
inner join earlier as e on e.station_id = t.station_id
where t.updated_at < e.newest_before
order by e.newest_before - t.updated_at desc, t.station_id
