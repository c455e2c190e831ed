-- core.anomaly_flapping: a port that went down four or more times in one day
-- (UTC), counting the charger faults only (core.charger_fault: not a feed
-- outage). score = faults / 4.
-- Grain: one row per (port_pk, started_at).
drop view if exists core.anomaly_flapping cascade;

create view core.anomaly_flapping as
with daily as (
    select
        port_pk,
        source,
        station_id,
        (started_at at time zone 'UTC')::date as day,
        count(*) as faults,
        count(*) filter (where status = 'offline') as offline_faults,
        min(started_at) as started_at,
        max(ended_at) as ended_at,
        bool_or(is_open) as is_open
    from core.charger_fault
    group by port_pk, source, station_id, (started_at at time zone 'UTC')::date
)

select
    'flapping' as kind,
    'FLAPPING' as reason_code,
    port_pk,
    source,
    station_id,
    started_at,
    case when not is_open then ended_at end as ended_at,
    is_open,
    faults / 4.0 as score,
    format(
        'went down %s times on %s (%s offline, %s out of service); 4 or more is flapping',
        faults, day, offline_faults, faults - offline_faults
    ) as evidence
from daily
where faults >= 4;
