-- A month's intervals as an engine built them (pg_temp.cw_built: port_key,
-- starts_at and ends_at in microseconds since 1970 UTC, status), for the
-- feed's ports. Grain: one row per (port_pk, starts_at).
insert into core.port_status_interval (port_pk, month, starts_at, ends_at, status)
select
    p.port_pk,
    %(month)s::date as month,
    timestamptz 'epoch' + b.starts_at * interval '1 microsecond' as starts_at,
    timestamptz 'epoch' + b.ends_at * interval '1 microsecond' as ends_at,
    b.status
from pg_temp.cw_built as b
inner join core.port as p on p.source = %(source)s and p.port_key = b.port_key
