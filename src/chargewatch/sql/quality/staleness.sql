-- Staleness of the stations one load read: days from Date Last Confirmed to the
-- load's snapshot date. A station is stale when it was last confirmed more
-- than the given number of days before, or never. Existing stations only.
-- Grain: one row overall (dimension 'all'), one per network, one per state.
with stations as (
    select a.network, a.state, l.as_of_date - a.date_last_confirmed as days_since_confirmed
    from {staging} as a
    inner join core.load as l on l.load_id = a.load_id
    where a.load_id = %(load_id)s and core.is_existing(a.status)
)

select
    case
        when grouping(network) = 0 then 'network'
        when grouping(state) = 0 then 'state'
        else 'all'
    end as dimension,
    case when grouping(network) = 0 then network else state end as dimension_value,
    count(*) as existing,
    count(*) filter (
        where days_since_confirmed is null or days_since_confirmed > %(stale_days)s
    ) as stale,
    count(*) filter (where days_since_confirmed is null) as never_confirmed
from stations
group by grouping sets ((), (network), (state))
order by dimension, dimension_value nulls last
