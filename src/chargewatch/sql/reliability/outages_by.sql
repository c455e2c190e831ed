-- Outage counts and mean time to restore per value of {group} (one row, value
-- null, when {group} is null), over outages of at least %(min_days)s days.
-- restored: ended with the station operational; mean_days_to_restore is over those.
select
    {group} as value,
    count(*) as outages,
    count(*) filter (where is_open) as open,
    count(*) filter (where ended_as = 'operational') as restored,
    count(*) filter (where ended_as = 'removed') as removed,
    round(avg(days) filter (where ended_as = 'operational'), 1)::float8 as mean_days_to_restore,
    max(days) filter (where is_open) as longest_open_days
from reporting.outage
where days >= %(min_days)s
group by 1
order by outages desc, value nulls last
