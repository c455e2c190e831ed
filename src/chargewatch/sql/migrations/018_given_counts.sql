-- The KPI counts of stations whose file gives the field a KPI reads: a file
-- need not have EV DC Fast Count or Access Days Time (only ID and fuel type are
-- required), and then those KPIs are unknown for its stations, not zero.
-- Snapshots loaded before this required both columns: all their existing
-- stations were given them.
alter table core.station_group_history
    add column dc_fast_given_count bigint,
    add column hours_given_count bigint;

update core.station_group_history
set dc_fast_given_count = existing_count, hours_given_count = existing_count;

alter table core.station_group_history
    alter column dc_fast_given_count set not null,
    alter column hours_given_count set not null;
