-- The KPI counts per snapshot, so that KPIs can be read as of any snapshot
-- date and as trends. Replaces core.station_group (the current counts only):
-- the current counts are each source's newest snapshot's rows. Filled from
-- core.station_groups_at by each load, and for every snapshot when the core
-- objects are rebuilt.
-- Grain: one row per (source, as_of_date, state, city, network,
-- facility_type, owner_type, access).
create table core.station_group_history (
    source text not null,
    as_of_date date not null,
    like core.station_group
);

drop table core.station_group cascade;

create index station_group_history_by_snapshot on core.station_group_history (source, as_of_date);
