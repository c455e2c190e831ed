-- reporting.capacity_loss: stations whose port count at some level dropped
-- from one snapshot to the next (a 4-port DC site becoming 2). Removal is not
-- counted here (see reporting.status_change).
-- Grain: one row per (source, station_id, as_of_date).
create view reporting.capacity_loss as
with version as (
    select
        h.source,
        h.source_station_id,
        h.name,
        h.network,
        h.state,
        h.valid_from,
        coalesce(h.level1_port_count, 0) as level1_after,
        coalesce(h.level2_port_count, 0) as level2_after,
        coalesce(h.dc_fast_port_count, 0) as dc_fast_after,
        lag(coalesce(h.level1_port_count, 0)) over w as level1_before,
        lag(coalesce(h.level2_port_count, 0)) over w as level2_before,
        lag(coalesce(h.dc_fast_port_count, 0)) over w as dc_fast_before,
        lag(h.valid_to) over w = h.valid_from as follows_on
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
    level1_before,
    level1_after,
    level2_before,
    level2_after,
    dc_fast_before,
    dc_fast_after,
    greatest(level1_before - level1_after, 0)
    + greatest(level2_before - level2_after, 0)
    + greatest(dc_fast_before - dc_fast_after, 0) as ports_lost
from version
where
    follows_on
    and (
        level1_after < level1_before
        or level2_after < level2_before
        or dc_fast_after < dc_fast_before
    );

comment on view reporting.capacity_loss is
    'One row per station and snapshot date where a port count dropped from the snapshot '
    'before: ports by level before and after, and ports_lost (the drops summed).';
