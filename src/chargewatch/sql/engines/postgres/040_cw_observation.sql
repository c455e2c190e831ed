-- Input of the shared month build: the feed's observations (core.status_event)
-- from %(read_from)s (microseconds; the month's start less the max gap for a
-- polled feed, the beginning for an event feed) to the month's end.
-- Grain: one row per (port_key, observed_at).
create temporary table cw_observation on commit drop as
select
    p.port_key,
    (extract(epoch from e.observed_at) * 1000000)::bigint as observed_at,
    e.status
from core.status_event as e
inner join core.port as p on p.port_pk = e.port_pk
where
    p.source = %(source)s
    and e.observed_at >= timestamptz 'epoch' + %(read_from)s * interval '1 microsecond'
    and e.observed_at < timestamptz 'epoch' + %(end)s * interval '1 microsecond'
