-- What one load observed of each port, once per (port, observed_at): lines that
-- repeat an observation (in this file or one loaded before) add nothing. Where
-- two lines or files disagree, the most severe status stands
-- (core.port_status_rank), so the order files arrive in does not matter.
-- Grain: one row per (port_pk, observed_at).
insert into core.status_event (
    port_pk, observed_at, status, source_status, error_code, load_id, line_number
)
select distinct on (p.port_pk, o.observed_at)
    p.port_pk,
    o.observed_at,
    o.status,
    o.source_status,
    o.error_code,
    %(load_id)s as load_id,
    o.line_number
from {observation} as o
inner join core.port as p on p.source = %(source)s and p.port_key = o.port_key
where o.load_id = %(load_id)s and o.port_key is not null
order by p.port_pk, o.observed_at, core.port_status_rank(o.status) desc, o.line_number
on conflict (port_pk, observed_at) do update
set
    status = excluded.status,
    source_status = excluded.source_status,
    error_code = excluded.error_code,
    load_id = excluded.load_id,
    line_number = excluded.line_number
where core.port_status_rank(excluded.status) > core.port_status_rank(core.status_event.status)
