-- core.station_groups_at(source, as_of): the counts behind the station KPIs
-- for one source's stations as they were on a date, per combination of the
-- KPI dimensions. Loads store it for their snapshot in
-- core.station_group_history. Inlined by the planner, so a load's call on
-- its newest snapshot is a parallel scan of the current stations.
-- dc_fast_given_count and hours_given_count: existing stations whose file has
-- the EV DC Fast Count and Access Days Time columns (core.load.absent_columns;
-- the few loads that lack one are listed once per call, not looked up per station).
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
    state,
    city,
    network,
    facility_type,
    owner_type,
    access,
    count(*),
    count(*) filter (where is_existing),
    count(*) filter (where is_existing and status = 'operational'),
    count(*) filter (where is_existing and status = 'temporarily_unavailable'),
    count(*) filter (where status = 'planned'),
    count(*) filter (where is_existing and status = 'unknown'),
    count(*) filter (where is_existing and dc_fast_port_count > 0),
    count(*) filter (where is_existing and is_24_7),
    count(*) filter (where is_existing and not hours_known),
    count(*) filter (where is_existing and access = 'public'),
    count(*) filter (where is_existing and access = 'private'),
    count(*) filter (where is_existing and cardinality(connector_types) > 0),
    coalesce(sum(cardinality(connector_types)) filter (where is_existing), 0),
    count(*) filter (
        where is_existing and not last_load_id = any(array(
            select l.load_id from core.load as l where 'EV DC Fast Count' = any(l.absent_columns)
        ))
    ),
    count(*) filter (
        where is_existing and not last_load_id = any(array(
            select l.load_id from core.load as l where 'Access Days Time' = any(l.absent_columns)
        ))
    )
from (
    select h.*, core.is_existing(h.status) as is_existing
    from core.station_history as h
    where
        h.source = p_source
        and h.valid_from <= p_as_of
        and (h.valid_to is null or h.valid_to > p_as_of)
) as stations
group by state, city, network, facility_type, owner_type, access
$$;
