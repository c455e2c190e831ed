-- core.charger_fault: the outages a port's own fault explains: each seen going
-- down (core.port_fault.is_seen_start) and not part of a feed outage
-- (core.feed_outage). What flapping, degradation and maintenance prediction
-- count.
-- Grain: one row per (port_pk, started_at).
drop view if exists core.charger_fault cascade;

create view core.charger_fault as
select
    f.port_pk,
    p.source,
    p.station_id,
    f.started_at,
    f.ended_at,
    f.status,
    f.minutes,
    f.is_open
from core.port_fault as f
inner join core.port as p on p.port_pk = f.port_pk
where
    f.is_seen_start
    and not exists (
        select
        from core.feed_outage as e
        where e.source = p.source and e.started_at = date_trunc('minute', f.started_at)
    );
