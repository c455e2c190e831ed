-- core.anomaly_future_clock: times dated after the file that held them was
-- loaded (more than 5 minutes after the load began): a clock running ahead, in
-- a charger or a feed. Status observations give one row per (load, station);
-- sessions whose end was in the future, which the load quarantined
-- (FUTURE_TIME), one row per load. score = minutes ahead / 5 for observations,
-- the number of sessions for sessions.
-- Grain: one row per (source, station_id, started_at).
drop view if exists core.anomaly_future_clock cascade;

create view core.anomaly_future_clock as
with observed as (
    select
        p.source,
        p.station_id,
        l.load_id,
        l.file_name,
        l.started_at as loaded_at,
        count(*) as observations,
        min(e.observed_at) as first_at,
        max(e.observed_at) as last_at
    from core.status_event as e
    inner join core.load as l on l.load_id = e.load_id
    inner join core.port as p on p.port_pk = e.port_pk
    where e.observed_at > l.started_at + interval '5 minutes'
    group by p.source, p.station_id, l.load_id, l.file_name, l.started_at
),

sessions as (
    select
        l.source,
        l.load_id,
        l.file_name,
        l.started_at as loaded_at,
        count(*) as sessions,
        min(q.line_number) as first_line
    from core.quarantine as q
    inner join core.load as l on l.load_id = q.load_id
    where q.reason_code = 'FUTURE_TIME'
    group by l.source, l.load_id, l.file_name, l.started_at
)

select
    'future_clock' as kind,
    'FUTURE_STATUS_TIME' as reason_code,
    source,
    station_id,
    first_at as started_at,
    last_at as ended_at,
    false as is_open,
    extract(epoch from last_at - loaded_at) / 60 / 5 as score,
    format(
        '%s observation%s in %s (load %s) dated up to %s after the load ran at %s',
        observations, case when observations = 1 then '' else 's' end, file_name, load_id,
        case
            when last_at - loaded_at < interval '2 hours'
                then round(extract(epoch from last_at - loaded_at) / 60) || ' min'
            when last_at - loaded_at < interval '2 days'
                then round((extract(epoch from last_at - loaded_at) / 3600)::numeric, 1) || ' h'
            else round((extract(epoch from last_at - loaded_at) / 86400)::numeric, 1) || ' days'
        end,
        to_char(loaded_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
    ) as evidence
from observed
union all
select
    'future_clock',
    'FUTURE_SESSION_TIME',
    source,
    null,
    loaded_at,
    null,
    false,
    sessions,
    format(
        '%s session%s in %s (load %s) ended after the load ran (quarantined; first: line %s)',
        sessions, case when sessions = 1 then '' else 's' end, file_name, load_id, first_line
    )
from sessions;
