-- The (port, month) pairs whose status intervals a load of a polled feed changes:
-- every port of the source in the months the load's polls reach, whether or
-- not another file gave those polls first (a poll's
-- status holds up to %(max_gap)s into the next month, and a poll ends the one
-- before it, which may be in the month before), and every month of the
-- feed for the ports this load made known (a known port a successful poll does
-- not list was available then, even before this file); with %(everything)s,
-- every month of every port (the feed's max gap changed).
-- Grain: one row per (port_pk, month).
create temporary table interval_target on commit drop as
with load_months as (
    select distinct date_trunc('month', m.moment at time zone 'UTC')::date as month
    from (select distinct o.observed_at from {observation} as o) as p
    cross join lateral (
        values
            (p.observed_at),
            (p.observed_at + %(max_gap)s::interval),
            (p.observed_at - %(max_gap)s::interval)
    ) as m (moment)
),

feed_months as (
    select distinct date_trunc('month', m.moment at time zone 'UTC')::date as month
    from core.status_poll as p
    cross join lateral (values (p.polled_at), (p.polled_at + %(max_gap)s::interval)) as m (moment)
    where p.source = %(source)s
)

select p.port_pk, m.month
from core.port as p
cross join load_months as m
where p.source = %(source)s

union

select n.port_pk, m.month
from unnest(%(new_ports)s::bigint[]) as n (port_pk)
cross join feed_months as m

union

select p.port_pk, m.month
from core.port as p
cross join feed_months as m
where p.source = %(source)s and %(everything)s
