-- core.station_group: the counts behind the station KPIs for each combination
-- of the KPI dimensions, rebuilt by every load. Grain: one row per
-- (state, city, network, facility_type, owner_type, access); copied from
-- core.station_group_now. The KPI view rolls these few thousand rows up
-- instead of scanning every station.
create table core.station_group (
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
