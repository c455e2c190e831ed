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
    'One row per station and snapshot date (source, station_id, as_of_date) where the '
    'station has fewer ports at some level (Level 1, Level 2 or DC fast) than in the snapshot '
    'just before. A station that is removed altogether is not here (see '
    'reporting.status_change).';
comment on column reporting.capacity_loss.source is
    'The registry the station came from: a source''s name, such as afdc (the '
    'US Alternative Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.capacity_loss.station_id is
    'The station''s ID in its source (for AFDC, the ID column).';
comment on column reporting.capacity_loss.station_name is
    'Station name as published in the snapshot with fewer ports.';
comment on column reporting.capacity_loss.network is
    'Charging network as published in the snapshot with fewer ports.';
comment on column reporting.capacity_loss.state is
    'Two-letter state code in capitals, e.g. WA; null when not given.';
comment on column reporting.capacity_loss.as_of_date is
    'Snapshot date the lower port count was first seen.';
comment on column reporting.capacity_loss.level1_before is
    'Level 1 ports (120 V, the slowest) in the snapshot before; 0 when not given.';
comment on column reporting.capacity_loss.level1_after is
    'Level 1 ports (120 V, the slowest) from this snapshot on; 0 when not given.';
comment on column reporting.capacity_loss.level2_before is
    'Level 2 ports (208-240 V alternating current) in the snapshot before; 0 when not given.';
comment on column reporting.capacity_loss.level2_after is
    'Level 2 ports (208-240 V alternating current) from this snapshot on; 0 when not given.';
comment on column reporting.capacity_loss.dc_fast_before is
    'DC fast ports in the snapshot before; 0 when not given.';
comment on column reporting.capacity_loss.dc_fast_after is
    'DC fast ports from this snapshot on; 0 when not given.';
comment on column reporting.capacity_loss.ports_lost is
    'Ports lost, all levels together: the drop at each level that fell, summed; a level that '
    'grew does not make up for one that fell (4 to 2 DC fast ports and 2 to 3 Level 2 ports '
    'is 2 lost).';
