-- The (port, month) pairs, and the time in them (starts_at, ends_at), whose
-- status intervals a load of a polled feed changes. For every port the feed
-- knew before: from the poll before the load's first (whose span the load's
-- first poll may now end) to the first poll after the load's last (which keeps
-- its own span), or %(max_gap)s past the load's last poll when none follows,
-- whether or not another file gave those polls first; so a day appended costs
-- a day, not the month. For each port this load made known, and for every port
-- with %(everything)s (the feed's max gap changed): all the feed's time (a
-- known port a successful poll does not list was available, even before this
-- file).
-- Grain: one row per (port_pk, month).
create temporary table interval_target on commit drop as
with load_polls as (
    select min(o.observed_at) as first_at, max(o.observed_at) as last_at
    from {observation} as o
),

changed as (
    select
        coalesce(
            (
                select max(p.polled_at) from core.status_poll as p
                where p.source = %(source)s and p.polled_at < l.first_at
            ),
            l.first_at
        ) as starts_at,
        coalesce(
            (
                select min(p.polled_at) from core.status_poll as p
                where p.source = %(source)s and p.polled_at > l.last_at
            ),
            l.last_at + %(max_gap)s::interval
        ) as ends_at
    from load_polls as l
    where l.first_at is not null
),

regions as (
    select p.port_pk, c.starts_at, c.ends_at
    from core.port as p
    cross join changed as c
    where
        p.source = %(source)s
        and not %(everything)s
        and p.port_pk <> all(%(new_ports)s::bigint [])

    union all

    select p.port_pk, '-infinity'::timestamptz, 'infinity'::timestamptz
    from core.port as p
    where p.source = %(source)s and (%(everything)s or p.port_pk = any(%(new_ports)s::bigint []))
),

feed as (
    select min(p.polled_at) as first_at, max(p.polled_at) + %(max_gap)s::interval as last_at
    from core.status_poll as p
    where p.source = %(source)s
)

select r.port_pk, m.month::date as month, r.starts_at, r.ends_at
from regions as r
cross join feed as f
cross join lateral generate_series(
    date_trunc('month', greatest(r.starts_at, f.first_at) at time zone 'UTC'),
    date_trunc('month', least(r.ends_at, f.last_at) at time zone 'UTC'),
    interval '1 month'
) as m (month)
