-- Input of the shared month build: the feed's polls from its max gap before
-- the month to the month's end (core.status_poll), times in microseconds.
-- Grain: one row per polled_at.
create temporary table cw_poll on commit drop as
select
    (extract(epoch from p.polled_at) * 1000000)::bigint as polled_at,
    p.succeeded
from core.status_poll as p
where
    p.source = %(source)s
    and p.polled_at >= timestamptz 'epoch' + %(read_from)s * interval '1 microsecond'
    and p.polled_at < timestamptz 'epoch' + %(end)s * interval '1 microsecond'
