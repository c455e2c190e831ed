-- Outage counts and mean time to restore over outages of at least
-- %(min_days)s days: all of them (is_total; one row even when there are none)
-- and per value of {group}, in one pass. restored: ended with the station
-- operational; mean_days_to_restore is over those.
select
    grouping({group}) = 1 as is_total,
    {group} as value,
    count(*) as outages,
    count(*) filter (where is_open) as open,
    count(*) filter (where ended_as = 'operational') as restored,
    count(*) filter (where ended_as = 'removed') as removed,
    round(avg(days) filter (where ended_as = 'operational'), 1)::float8 as mean_days_to_restore,
    max(days) filter (where is_open) as longest_open_days
from reporting.outage
where days >= %(min_days)s
group by grouping sets ((), ({group}))
order by is_total desc, outages desc, value nulls last
