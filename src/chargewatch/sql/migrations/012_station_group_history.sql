-- The KPI counts per snapshot, so that KPIs can be read as of any snapshot
-- date and as trends. Replaces core.station_group (the current counts only):
-- the current counts are each source's newest snapshot's rows. Filled from
-- core.station_groups_at by each load, and for every snapshot when the core
-- objects are rebuilt.
-- Grain: one row per (source, as_of_date, state, city, network,
-- facility_type, owner_type, access).
drop table core.station_group cascade;

create table core.station_group_history (
    source text not null,
    as_of_date date not null,
    state text,
    city text,
    network text,
    facility_type text,
    owner_type text,
    access text not null,
    station_count bigint not null,
    existing_count bigint not null,
    operational_count bigint not null,
    temporarily_unavailable_count bigint not null,
    planned_count bigint not null,
    status_unknown_count bigint not null,
    dc_fast_count bigint not null,
    open_24_7_count bigint not null,
    hours_unknown_count bigint not null,
    public_count bigint not null,
    private_count bigint not null,
    connector_types_known_count bigint not null,
    connector_type_total bigint not null
);

create index station_group_history_by_snapshot on core.station_group_history (source, as_of_date);
