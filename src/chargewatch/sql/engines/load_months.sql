-- The months whose intervals one status load can change: from the month of
-- its first observation (less the feed's max gap, %(max_gap)s, whose poll
-- before it may now end sooner) to the month of the newest time it watched
-- (plus the gap). Grain: one row per month.
select m.month::date as month
from (
    select
        min(o.observed_at) - %(max_gap)s::interval as first_at,
        greatest(max(o.seen_at), max(o.observed_at)) + %(max_gap)s::interval as last_at
    from {observation} as o
    where o.load_id = %(load_id)s
) as l
cross join lateral generate_series(
    date_trunc('month', l.first_at at time zone 'UTC'),
    date_trunc('month', l.last_at at time zone 'UTC'),
    interval '1 month'
) as m (month)
where l.first_at is not null
order by 1
