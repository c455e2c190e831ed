-- core.station_step: each station version beside the one before it, so that
-- status changes, outages and lost ports read one window pass. follows_on:
-- the previous version ended the day this one began (a change, not a
-- comeback after removal); the previous_* values are null for a first version.
-- Grain: one row per (source, source_station_id, valid_from).
drop view if exists core.station_step cascade;

create view core.station_step as
select
    h.*,
    coalesce(lag(h.valid_to) over w = h.valid_from, false) as follows_on,
    lag(h.status) over w as previous_status,
    lead(h.status) over w as next_status,
    lag(h.level1_port_count) over w as previous_level1_port_count,
    lag(h.level2_port_count) over w as previous_level2_port_count,
    lag(h.dc_fast_port_count) over w as previous_dc_fast_port_count
from core.station_history as h
window w as (partition by h.source, h.source_station_id order by h.valid_from);
