-- core.feed_outage: moments when many ports of one source went down at once: at
-- least 10 ports seen going out of service or offline in the same minute (UTC).
-- That is the network or its back end failing, not hundreds of chargers: it is
-- one event, and its ports' outages are not charger faults (core.charger_fault).
-- ended_at is when half its ports were back (the median port's outage end); it
-- is open while more than half are not back.
-- watched_count: the source's ports observed in that minute.
-- Grain: one row per (source, started_at).
drop view if exists core.feed_outage cascade;

create view core.feed_outage as
with starts as (
    select
        p.source,
        date_trunc('minute', f.started_at) as started_at,
        f.port_pk,
        p.station_id,
        f.status,
        f.ended_at,
        f.is_open
    from core.port_fault as f
    inner join core.port as p on p.port_pk = f.port_pk
    where f.is_seen_start
),

moments as (
    select
        source,
        started_at,
        count(distinct port_pk) as port_count,
        count(distinct station_id) as station_count,
        count(*) filter (where status = 'offline') as offline_count,
        percentile_disc(0.5) within group (order by ended_at) as ended_at,
        count(*) filter (where is_open) * 2 > count(*) as is_open
    from starts
    group by source, started_at
    having count(distinct port_pk) >= 10
)

select
    m.*,
    (
        select count(distinct i.port_pk)
        from core.port_status_interval as i
        inner join core.port as p on p.port_pk = i.port_pk
        where
            p.source = m.source
            and i.month = date_trunc('month', m.started_at at time zone 'UTC')::date
            and i.starts_at < m.started_at + interval '1 minute'
            and i.ends_at > m.started_at
    ) as watched_count
from moments as m;
