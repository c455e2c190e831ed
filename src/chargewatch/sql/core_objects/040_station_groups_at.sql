-- core.station_groups_at(source, as_of): the counts behind the station KPIs
-- for one source's stations as they were on a date, per combination of the
-- KPI dimensions. Loads store it for their snapshot in
-- core.station_group_history. Inlined by the planner, so a load's call on
-- its newest snapshot is a parallel scan of the current stations.
-- A state's file on the date (the newest snapshot covering the state, as in
-- reporting.state_snapshot; a source's first load, not yet told its states,
-- covers all) may lack a field the KPIs read (core.load.absent_fields). Its
-- stations keep their last known values (build_station_partition.sql), but
-- the snapshot does not give them: their status, DC fast ports, hours, access
-- or connectors count as unknown here, and dc_fast_given_count and
-- hours_given_count (the denominators of those two KPIs) leave them out.
-- Keyed on the snapshot, not on a station's last_load_id, which a later file
-- moves forward when the station is unchanged.
-- Grain: one row per (state, city, network, facility_type, owner_type, access).
drop function if exists core.station_groups_at(text, date) cascade;


create function core.station_groups_at(p_source text, p_as_of date)
returns table (
    state text,
    city text,
    network text,
    facility_type text,
    owner_type text,
    access text,
    station_count bigint,
    existing_count bigint,
    operational_count bigint,
    temporarily_unavailable_count bigint,
    planned_count bigint,
    status_unknown_count bigint,
    dc_fast_count bigint,
    open_24_7_count bigint,
    hours_unknown_count bigint,
    public_count bigint,
    private_count bigint,
    connector_types_known_count bigint,
    connector_type_total bigint,
    dc_fast_given_count bigint,
    hours_given_count bigint
)
language sql stable parallel safe
as $$
select
    g.state, g.city, g.network, g.facility_type, g.owner_type, g.access,
    g.station_count, g.existing_count,
    case when f.lacks_status then 0 else g.operational_count end,
    case when f.lacks_status then 0 else g.temporarily_unavailable_count end,
    g.planned_count,
    case when f.lacks_status then g.existing_count else g.status_unknown_count end,
    case when f.lacks_dc_fast then 0 else g.dc_fast_count end,
    case when f.lacks_hours then 0 else g.open_24_7_count end,
    case when f.lacks_hours then g.existing_count else g.hours_unknown_count end,
    case when f.lacks_access then 0 else g.public_count end,
    case when f.lacks_access then 0 else g.private_count end,
    case when f.lacks_connectors then 0 else g.connector_types_known_count end,
    case when f.lacks_connectors then 0 else g.connector_type_total end,
    case when f.lacks_dc_fast then 0 else g.existing_count end,
    case when f.lacks_hours then 0 else g.existing_count end
from (
    select
        state,
        city,
        network,
        facility_type,
        owner_type,
        access,
        count(*) as station_count,
        count(*) filter (where is_existing) as existing_count,
        count(*) filter (where is_existing and status = 'operational') as operational_count,
        count(*) filter (where is_existing and status = 'temporarily_unavailable')
            as temporarily_unavailable_count,
        count(*) filter (where status = 'planned') as planned_count,
        count(*) filter (where is_existing and status = 'unknown') as status_unknown_count,
        count(*) filter (where is_existing and dc_fast_port_count > 0) as dc_fast_count,
        count(*) filter (where is_existing and is_24_7) as open_24_7_count,
        count(*) filter (where is_existing and not hours_known) as hours_unknown_count,
        count(*) filter (where is_existing and access = 'public') as public_count,
        count(*) filter (where is_existing and access = 'private') as private_count,
        count(*) filter (where is_existing and cardinality(connector_types) > 0)
            as connector_types_known_count,
        coalesce(sum(cardinality(connector_types)) filter (where is_existing), 0)
            as connector_type_total
    from (
        select h.*, core.is_existing(h.status) as is_existing
        from core.station_history as h
        where
            h.source = p_source
            and h.valid_from <= p_as_of
            and (h.valid_to is null or h.valid_to > p_as_of)
    ) as stations
    group by state, city, network, facility_type, owner_type, access
) as g
left join lateral (
    select
        'status' = any(l.absent_fields) as lacks_status,
        'dc_fast_port_count' = any(l.absent_fields) as lacks_dc_fast,
        'hours' = any(l.absent_fields) as lacks_hours,
        'access' = any(l.absent_fields) as lacks_access,
        'connector_types' = any(l.absent_fields) as lacks_connectors
    from core.load as l
    where
        l.source = p_source
        and l.status <> 'failed'
        and l.as_of_date <= p_as_of
        and (l.covered_states is null or coalesce(g.state, '') = any(l.covered_states))
    order by l.as_of_date desc, l.sha256 desc
    limit 1
) as f on true
$$;
