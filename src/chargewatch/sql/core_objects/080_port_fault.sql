-- core.port_fault: each outage of a port a status feed observed: a run of
-- out_of_service or offline intervals with no unobserved gap and no other status
-- in it, across month boundaries. reporting.port_outage lists them; anomalies
-- and maintenance prediction count them.
-- is_seen_start: the feed saw the port go down (the interval just before was
-- observed, with no gap, in another status). An outage first seen at the start
-- of the feed or after a gap in it had begun earlier, unseen: its start is not
-- a moment the port failed.
-- is_open: nothing has been observed of the port since (the feed's last word).
-- Grain: one row per (port_pk, started_at).
drop view if exists core.port_fault cascade;

create view core.port_fault as
with marked as (
    select
        i.port_pk,
        i.starts_at,
        i.ends_at,
        i.status,
        lag(i.ends_at) over w = i.starts_at as follows_on,
        lag(i.status) over w in ('out_of_service', 'offline') as follows_outage,
        max(i.ends_at) over (partition by i.port_pk) as last_observed
    from core.port_status_interval as i
    window w as (partition by i.port_pk order by i.starts_at)
),

numbered as (
    select
        m.*,
        count(*) filter (where not coalesce(m.follows_on and m.follows_outage, false))
            over (partition by m.port_pk order by m.starts_at) as fault_number
    from marked as m
    where m.status in ('out_of_service', 'offline')
)

select
    port_pk,
    min(starts_at) as started_at,
    max(ends_at) as ended_at,
    (array_agg(status order by starts_at))[1] as status,
    sum(extract(epoch from ends_at - starts_at) / 60) as minutes,
    max(ends_at) = max(last_observed) as is_open,
    coalesce((array_agg(follows_on order by starts_at))[1], false) as is_seen_start
from numbered
group by port_pk, fault_number;
