-- What a polled feed observed of the target ports (pg_temp.interval_target):
-- a successful poll's status holds until the feed's next poll, successful or
-- failed, at most %(max_gap)s, and a port it does not list was available; a
-- failed poll observed nothing (SPEC §4b). Each target port gets the spans of
-- the polls in its changed time (starts_at to ends_at) that reach its target
-- months. The ports' observations there are read once and hashed (not looked
-- up span by span).
-- Grain: one row per (port_pk, starts_at).
create temporary table status_span on commit drop as
with polls as (
    select
        p.polled_at,
        p.succeeded,
        lead(p.polled_at) over (order by p.polled_at) as next_at
    from core.status_poll as p
    where p.source = %(source)s
),

spans as (
    select
        polled_at as starts_at,
        least(coalesce(next_at, 'infinity'), polled_at + %(max_gap)s::interval) as ends_at
    from polls
    where succeeded
),

targeted as (
    select distinct t.port_pk, s.starts_at, s.ends_at
    from pg_temp.interval_target as t
    inner join spans as s
        on
            s.starts_at >= t.starts_at
            and s.starts_at < t.ends_at
            and s.starts_at < (t.month + interval '1 month')::timestamp at time zone 'UTC'
            and s.ends_at > t.month::timestamp at time zone 'UTC'
),

listed as materialized (
    select e.port_pk, e.observed_at, e.status
    from core.status_event as e
    inner join pg_temp.interval_target as t
        on
            e.port_pk = t.port_pk
            and e.observed_at >= t.starts_at
            and e.observed_at < t.ends_at
            and e.observed_at >= t.month::timestamp at time zone 'UTC' - %(max_gap)s::interval
            and e.observed_at < (t.month + interval '1 month')::timestamp at time zone 'UTC'
)

select distinct on (t.port_pk, t.starts_at)
    t.port_pk,
    t.starts_at,
    t.ends_at,
    coalesce(e.status, 'available') as status
from targeted as t
left join listed as e on e.port_pk = t.port_pk and e.observed_at = t.starts_at
order by t.port_pk, t.starts_at
