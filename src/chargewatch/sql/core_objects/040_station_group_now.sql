-- core.station_group_now: what core.station_group should hold, computed from
-- core.station. Loads copy it into core.station_group (a parallel select, then
-- a copy of a few thousand rows), as does a schema rebuild.
-- Grain: one row per (state, city, network, facility_type, owner_type, access).
drop view if exists core.station_group_now;

create view core.station_group_now as
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
    select s.*, core.is_existing(s.status) as is_existing
    from core.station as s
) as stations
group by state, city, network, facility_type, owner_type, access;
