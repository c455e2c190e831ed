-- core.station_group_dated: the KPI counts of all sources as of each
-- snapshot date: per date, each source's newest snapshot on or before it.
-- The counts are listed where chargewatch.measures declares them. Grain: one row per
-- (as_of_date, source, state, city, network, facility_type, owner_type, access).
drop view if exists core.station_group_dated cascade;

create view core.station_group_dated as
with snapshot as (
    select distinct source, as_of_date
    from core.load
    where status = 'loaded' and model = 'stations'
),

source_snapshot as (
    select d.as_of_date, s.source, max(s.as_of_date) as source_as_of_date
    from (select distinct as_of_date from snapshot) as d
    inner join snapshot as s on s.as_of_date <= d.as_of_date
    group by d.as_of_date, s.source
)

select
    ss.as_of_date,
    g.source,
    g.state,
    g.city,
    g.network,
    g.facility_type,
    g.owner_type,
    g.access,
    {{counts:g}}
from source_snapshot as ss
inner join core.station_group_history as g
    on g.source = ss.source and g.as_of_date = ss.source_as_of_date;
