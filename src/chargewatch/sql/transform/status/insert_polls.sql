-- The polls one load of a polled feed gives: each distinct observed_at of its
-- lines; it succeeded when any of its lines observed a port. A poll another
-- file gave too stays one poll, successful if either file says so.
-- Grain: one row per (source, polled_at).
insert into core.status_poll (source, polled_at, succeeded, load_id, line_number)
select
    %(source)s as source,
    o.observed_at as polled_at,
    bool_or(o.poll_succeeded) as succeeded,
    %(load_id)s as load_id,
    min(o.line_number) as line_number
from {observation} as o
where o.load_id = %(load_id)s
group by o.observed_at
on conflict (source, polled_at) do update
set succeeded = core.status_poll.succeeded or excluded.succeeded
