-- Rebuild core.station_group from core.station. Loads call it in their
-- transaction; a schema rebuild calls it too. Hash aggregation is forced: the
-- planner multiplies the six dimensions' distinct counts and expects far more
-- groups than there are, then sorts a million rows instead of hashing them.
create or replace function core.refresh_station_group()
returns void
language sql volatile
set enable_sort = off
as $$
    delete from core.station_group;

    insert into core.station_group
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
        coalesce(sum(cardinality(connector_types)) filter (where is_existing), 0)
    from (
        select s.*, s.status not in ('planned', 'removed') as is_existing
        from core.station as s
    ) as stations
    group by state, city, network, facility_type, owner_type, access;
$$;
