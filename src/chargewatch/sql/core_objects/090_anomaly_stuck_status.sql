-- core.anomaly_stuck_status: a port in one status (available, in_use or
-- reserved) far longer than plausible. A run is the port's time in one status,
-- joined across unobserved gaps (the feed saw the same status before and after);
-- its minutes are the observed ones (a gap in the feed does not count).
-- It is stuck when it outlasts all of: a floor (in use or reserved for a day,
-- available for three), three times the 95th percentile of such runs at the
-- port's station (its ports of the same connector, this one included), and five
-- times the port's own median run in that status. score = minutes / that limit.
-- Grain: one row per (port_pk, started_at).
drop view if exists core.anomaly_stuck_status cascade;

create view core.anomaly_stuck_status as
with marked as (
    select
        i.port_pk,
        i.starts_at,
        i.ends_at,
        i.status,
        coalesce(lag(i.status) over w = i.status, false) as continues,
        max(i.ends_at) over (partition by i.port_pk) as last_observed
    from core.port_status_interval as i
    window w as (partition by i.port_pk order by i.starts_at)
),

numbered as (
    select
        m.*,
        count(*) filter (where not m.continues)
            over (partition by m.port_pk order by m.starts_at) as run_number
    from marked as m
),

runs as (
    select
        n.port_pk,
        p.source,
        p.station_id,
        p.connector,
        n.status,
        min(n.starts_at) as started_at,
        max(n.ends_at) as ended_at,
        sum(extract(epoch from n.ends_at - n.starts_at)) / 60 as minutes,
        max(n.ends_at) = max(n.last_observed) as is_open
    from numbered as n
    inner join core.port as p on p.port_pk = n.port_pk
    where n.status in ('available', 'in_use', 'reserved')
    group by n.port_pk, p.source, p.station_id, p.connector, n.status, n.run_number
),

station_norm as (
    select
        source,
        station_id,
        connector,
        status,
        percentile_cont(0.95) within group (order by minutes) as p95_minutes
    from runs
    group by source, station_id, connector, status
),

own_norm as (
    select
        port_pk,
        status,
        percentile_cont(0.5) within group (order by minutes) as median_minutes
    from runs
    group by port_pk, status
),

judged as (
    select
        r.*,
        s.p95_minutes,
        o.median_minutes,
        greatest(
            case when r.status = 'available' then 4320 else 1440 end,
            3 * s.p95_minutes,
            5 * o.median_minutes
        ) as limit_minutes
    from runs as r
    inner join station_norm as s
        on
            s.source = r.source
            and s.station_id = r.station_id
            and s.connector is not distinct from r.connector
            and s.status = r.status
    inner join own_norm as o on o.port_pk = r.port_pk and o.status = r.status
)

select
    'stuck_status' as kind,
    'STUCK_' || upper(status) as reason_code,
    port_pk,
    source,
    station_id,
    started_at,
    case when not is_open then ended_at end as ended_at,
    is_open,
    minutes / limit_minutes as score,
    format(
        '%s for %s h%s (plausible: up to %s h; the station''s 95th percentile is %s h, '
        'the port''s median %s h)',
        status, round((minutes / 60)::numeric, 1), case when is_open then ' so far' else '' end,
        round((limit_minutes / 60)::numeric, 1), round((p95_minutes / 60)::numeric, 1),
        round((median_minutes / 60)::numeric, 1)
    ) as evidence
from judged
where minutes > limit_minutes;
