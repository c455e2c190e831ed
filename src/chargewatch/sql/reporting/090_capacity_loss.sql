-- reporting.capacity_loss: stations whose port count at some level dropped
-- from one snapshot to the next (a 4-port DC site becoming 2). Removal is not
-- counted here (see reporting.status_change).
-- Grain: one row per (source, station_id, as_of_date).
create view reporting.capacity_loss as
with step as (
    select
        source,
        source_station_id,
        name,
        network,
        state,
        valid_from,
        coalesce(previous_level1_port_count, 0) as level1_before,
        coalesce(level1_port_count, 0) as level1_after,
        coalesce(previous_level2_port_count, 0) as level2_before,
        coalesce(level2_port_count, 0) as level2_after,
        coalesce(previous_dc_fast_port_count, 0) as dc_fast_before,
        coalesce(dc_fast_port_count, 0) as dc_fast_after
    from core.station_step
    where follows_on
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
from step
where
    level1_after < level1_before
    or level2_after < level2_before
    or dc_fast_after < dc_fast_before;

comment on view reporting.capacity_loss is
    'One row per station and snapshot date where a port count dropped from the snapshot '
    'before: ports by level before and after, and ports_lost (the drops summed).';
