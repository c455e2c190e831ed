-- What an event feed observed of the target ports (pg_temp.interval_target):
-- each event's status holds until the port's next event, and the last one
-- until the newest snapshot that listed the port (core.port.last_seen)
-- (SPEC §4b).
-- Grain: one row per (port_pk, starts_at).
create temporary table status_span on commit drop as
with events as (
    select
        e.port_pk,
        e.observed_at,
        e.status,
        lead(e.observed_at) over (partition by e.port_pk order by e.observed_at) as next_at
    from core.status_event as e
    where e.port_pk in (select port_pk from pg_temp.interval_target)
)

select
    e.port_pk,
    e.observed_at as starts_at,
    coalesce(e.next_at, p.last_seen) as ends_at,
    e.status
from events as e
inner join core.port as p on p.port_pk = e.port_pk
where coalesce(e.next_at, p.last_seen) > e.observed_at
