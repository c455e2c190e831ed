-- Two sources' current existing stations compared, by state and overall, in
-- the states both list stations in (a registry that covers only the US says
-- nothing of Europe): matched (a best pair of reporting.station_match: one
-- station of each), only in a, only in b (no best pair; stations without
-- coordinates are never matched). A matched pair counts in station a's state
-- (b's when a has none). Grain: one row per state ('' for none), then one
-- overall row (is_total).
with pairs as (
    select
        case when m.source_a = %(a)s then m.station_a else m.station_b end as station_in_a,
        case when m.source_a = %(a)s then m.station_b else m.station_a end as station_in_b,
        case when m.source_a = %(a)s then coalesce(m.state_a, m.state_b)
            else coalesce(m.state_b, m.state_a) end as state
    from reporting.station_match as m
    where
        m.is_best
        and m.source_a = least(%(a)s::text, %(b)s::text)
        and m.source_b = greatest(%(a)s::text, %(b)s::text)
),

both_list as (
    select coalesce(state, '') as state from reporting.station
    where source = %(a)s and is_existing
    intersect
    select coalesce(state, '') from reporting.station
    where source = %(b)s and is_existing
),

counted as (
    select 'matched' as kind, p.state from pairs as p
    union all
    select 'a' as kind, s.state
    from reporting.station as s
    where
        s.source = %(a)s and s.is_existing
        and not exists (select from pairs as p where p.station_in_a = s.station_id)
    union all
    select 'b' as kind, s.state
    from reporting.station as s
    where
        s.source = %(b)s and s.is_existing
        and not exists (select from pairs as p where p.station_in_b = s.station_id)
)

select
    coalesce(state, '') as state,
    grouping(state) = 1 as is_total,
    count(*) filter (where kind = 'matched') as matched,
    count(*) filter (where kind = 'a') as only_in_a,
    count(*) filter (where kind = 'b') as only_in_b
from counted
where coalesce(state, '') in (select state from both_list)
group by grouping sets ((state), ())
order by is_total, state
