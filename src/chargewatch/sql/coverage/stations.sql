-- The public charging stations that count for coverage on a date, over every
-- source: each source's stations as its snapshots list them on %(as_of)s
-- (existing, public, with coordinates), without the ones another registry
-- lists too (reporting.station_match's one-to-one pairs, with %(dedupe)s:
-- the station of source_b gives way to its station_a when both count).
-- is_dcfc: a DC fast station for coverage (operational or status not given,
-- at least one DC fast port); is_level2: the same, with Level 2 ports;
-- is_counted: no other registry's working station stands for it (its ports
-- count in a state's public ports).
-- The pairs are matched on the current stations, so on a past date a station
-- whose twin is gone by now counts on its own.
-- Reads reporting only, so the dashboard's reader login can run it.
-- Grain: one row per (source, station_id).
with listed as materialized (
    select
        h.source,
        h.station_id,
        h.station_name,
        h.state,
        h.latitude,
        h.longitude,
        h.status,
        h.dc_fast_port_count,
        h.level2_port_count,
        h.level1_port_count,
        h.status in ('operational', 'unknown') and h.dc_fast_port_count > 0 as is_dcfc,
        h.status in ('operational', 'unknown') and h.level2_port_count > 0 as is_level2
    from reporting.station_history as h
    where
        h.valid_from <= %(as_of)s
        and (h.valid_to is null or h.valid_to > %(as_of)s)
        and h.is_existing
        and h.access = 'public'
        and h.latitude is not null
        and h.longitude is not null
),

shadowed as (
    select
        m.source_b as source,
        m.station_b as station_id,
        bool_or(a.is_dcfc) as by_dcfc,
        bool_or(a.is_level2) as by_level2,
        bool_or(a.status in ('operational', 'unknown')) as by_working
    from reporting.station_match as m
    inner join listed as a on a.source = m.source_a and a.station_id = m.station_a
    where %(dedupe)s and m.is_best
    group by m.source_b, m.station_b
)

select
    l.source,
    l.station_id,
    l.station_name,
    l.state,
    l.latitude,
    l.longitude,
    l.status,
    l.dc_fast_port_count,
    l.level2_port_count,
    l.level1_port_count,
    l.is_dcfc and not coalesce(s.by_dcfc, false) as is_dcfc,
    l.is_level2 and not coalesce(s.by_level2, false) as is_level2,
    not coalesce(s.by_working, false) as is_counted
from listed as l
left join shadowed as s on s.source = l.source and s.station_id = l.station_id
order by l.source, l.station_id
