-- The (port, month) pairs whose status intervals a load of an event feed
-- changes: every month, from its first event to its last sighting, of each
-- port the load listed. An event anywhere in a port's history can end the one
-- before it, so the port is rebuilt whole.
-- Grain: one row per (port_pk, month).
create temporary table interval_target on commit drop as
with touched as (
    select distinct p.port_pk, p.last_seen
    from {observation} as o
    inner join core.port as p on p.source = %(source)s and p.port_key = o.port_key
    where o.load_id = %(load_id)s and o.port_key is not null
)

select t.port_pk, m.month::date as month
from touched as t
cross join lateral (
    select min(e.observed_at) as first_event
    from core.status_event as e
    where e.port_pk = t.port_pk
) as f
cross join lateral generate_series(
    date_trunc('month', f.first_event at time zone 'UTC'),
    date_trunc('month', t.last_seen at time zone 'UTC'),
    interval '1 month'
) as m (month)
