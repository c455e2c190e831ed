-- core.anomaly_degradation: a port failing more and more often against its own
-- past. On each day (UTC) with five weeks of the port's history behind it, the
-- days with a charger fault (core.charger_fault) in the last seven are
-- compared with those in the 28 before: three or more, and at least three times
-- the earlier rate (recent >= 0.75 * earlier), is degradation. A run of such
-- days is one anomaly, from its first day; score = recent / greatest(3,
-- 0.75 * earlier) on its worst day.
-- Grain: one row per (port_pk, started_at).
drop view if exists core.anomaly_degradation cascade;

create view core.anomaly_degradation as
with watched as (
    select
        port_pk,
        (min(starts_at) at time zone 'UTC')::date as first_day,
        ((max(ends_at) - interval '1 microsecond') at time zone 'UTC')::date as last_day
    from core.port_status_interval
    group by port_pk
),

fault_day as (
    select distinct
        port_pk,
        (started_at at time zone 'UTC')::date as day
    from core.charger_fault
),

daily as (
    select
        w.port_pk,
        d.day::date as day,
        w.first_day,
        w.last_day,
        (f.port_pk is not null)::int as failed
    from watched as w
    cross join lateral generate_series(w.first_day, w.last_day, interval '1 day') as d (day)
    left join fault_day as f on f.port_pk = w.port_pk and f.day = d.day::date
),

judged as (
    select
        port_pk,
        day,
        last_day,
        day - first_day >= 35 as has_history,
        sum(failed) over (
            partition by port_pk order by day rows between 6 preceding and current row
        ) as recent,
        coalesce(sum(failed) over (
            partition by port_pk order by day rows between 34 preceding and 7 preceding
        ), 0) as earlier
    from daily
),

flagged as (
    select
        j.*,
        j.recent / greatest(3, 0.75 * j.earlier) as score,
        j.day - (row_number() over (partition by j.port_pk order by j.day))::int as run
    from judged as j
    where j.has_history and j.recent >= 3 and j.recent >= 0.75 * j.earlier
),

runs as (
    select
        port_pk,
        min(day) as first_day,
        max(day) as last_day,
        max(last_day) as last_watched_day,
        max(score) as score,
        (array_agg(recent order by score desc, day))[1] as recent,
        (array_agg(earlier order by score desc, day))[1] as earlier,
        (array_agg(day order by score desc, day))[1] as worst_day
    from flagged
    group by port_pk, run
)

select
    'degradation' as kind,
    'DEGRADATION' as reason_code,
    r.port_pk,
    p.source,
    p.station_id,
    r.first_day::timestamp at time zone 'UTC' as started_at,
    case
        when r.last_day < r.last_watched_day then (r.last_day + 1)::timestamp at time zone 'UTC'
    end as ended_at,
    r.last_day >= r.last_watched_day as is_open,
    r.score,
    format(
        'down on %s of the 7 days to %s, against %s of the 28 days before',
        r.recent, r.worst_day, r.earlier
    ) as evidence
from runs as r
inner join core.port as p on p.port_pk = r.port_pk;
