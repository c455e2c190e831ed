-- The months (UTC) of one load's observations: each needs its partition of
-- core.status_event. Grain: one row per month.
select distinct date_trunc('month', o.observed_at at time zone 'UTC')::date as month
from {observation} as o
where o.load_id = %(load_id)s and o.port_key is not null
order by 1
