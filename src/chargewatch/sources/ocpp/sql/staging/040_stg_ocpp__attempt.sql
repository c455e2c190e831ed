-- core.stg_ocpp__attempt: each charge attempt the OCPP logs tell, the way ChargeX
-- (INL's OCPP KPI calculator) counts them: an attempt starts when a port (a 1.6
-- connector, a 2.0.1 EVSE) turns Preparing (1.6) or Occupied (2.0.1), and is
-- joined to the first transaction (core.stg_ocpp__transaction) on that port that
-- starts from 2 minutes before it until the port is next idle (Available,
-- Faulted, Unavailable) or its next attempt, at most an hour after it; a
-- transaction two attempts could take goes to the earlier. A transaction no
-- attempt took (a charger that skips Preparing) is an attempt of its own,
-- started when it started. An attempt with no transaction never charged; it
-- ended when its port was next idle (else at its next status). Its driver is its transaction's ID
-- token, else the token of the first Authorize the charger sent during it (a
-- driver refused before charging).
-- Grain: one row per (station_id, port, started_at).
drop view if exists core.stg_ocpp__attempt;

create view core.stg_ocpp__attempt as
with statuses as (
    select distinct on (r.charger_id, r.message_id, r.logged_at)
        r.charger_id as station_id,
        coalesce(r.evse_id, r.connector_id) as port,
        r.observed_at,
        r.source_status,
        r.load_id,
        r.line_number
    from raw.ocpp_message as r
    where
        not r.quarantined
        and r.action = 'StatusNotification'
        and r.message_type = 2
        and r.source_status is not null
        and coalesce(r.evse_id, r.connector_id) > 0
    order by r.charger_id, r.message_id, r.logged_at, r.load_id desc
),

changes as (
    select
        s.*,
        lag(s.source_status) over w as before,
        lead(s.observed_at) over w as next_status_at,
        min(s.observed_at) filter (where s.source_status in ('Available', 'Faulted', 'Unavailable'))
            over (w rows between 1 following and unbounded following) as idle_at
    from statuses as s
    window w as (partition by s.station_id, s.port order by s.observed_at, s.load_id, s.line_number)
),

authorized as (
    select distinct on (r.charger_id, r.message_id, r.logged_at)
        r.charger_id as station_id,
        r.logged_at,
        coalesce(r.payload ->> 'idTag', r.payload -> 'idToken' ->> 'idToken') as id_token
    from raw.ocpp_message as r
    where not r.quarantined and r.action = 'Authorize' and r.message_type = 2
    order by r.charger_id, r.message_id, r.logged_at, r.load_id desc
),

starts as (
    select
        station_id,
        port,
        observed_at as started_at,
        next_status_at,
        idle_at,
        lead(observed_at) over (partition by station_id, port order by observed_at) as next_start
    from changes
    where source_status in ('Preparing', 'Occupied') and before is distinct from source_status
),

claimed as (
    select
        a.station_id,
        a.port,
        a.started_at,
        a.next_start,
        a.next_status_at,
        a.idle_at,
        t.transaction_id,
        (
            select encode(sha256(convert_to(z.id_token, 'UTF8')), 'hex')
            from authorized as z
            where
                z.station_id = a.station_id
                and z.logged_at >= a.started_at
                and z.logged_at < coalesce(a.next_start, a.started_at + interval '1 hour')
                and z.id_token is not null
            order by z.logged_at
            limit 1
        ) as authorized_hash
    from starts as a
    left join lateral (
        select x.transaction_id
        from core.stg_ocpp__transaction as x
        where
            x.station_id = a.station_id
            and x.port = a.port
            and x.started_at >= a.started_at - interval '2 minutes'
            and x.started_at < least(a.next_start, a.idle_at, a.started_at + interval '1 hour')
        order by x.started_at
        limit 1
    ) as t on true
),

joined as (
    select
        c.station_id,
        c.port,
        c.started_at,
        c.next_start,
        c.next_status_at,
        c.idle_at,
        c.authorized_hash,
        case
            when row_number() over (
                partition by c.station_id, c.transaction_id order by c.started_at
            ) = 1 then c.transaction_id
        end as transaction_id
    from claimed as c
)

select
    j.station_id,
    j.port,
    j.started_at,
    t.transaction_id,
    coalesce(t.driver_hash, j.authorized_hash) as driver_hash,
    t.started_at as charge_started_at,
    t.stopped_at,
    t.energy_kwh,
    t.stop_reason,
    coalesce(t.stopped_at, j.idle_at, j.next_status_at, j.started_at) as ended_at
from joined as j
left join core.stg_ocpp__transaction as t
    on t.station_id = j.station_id and t.transaction_id = j.transaction_id
union all
select
    t.station_id,
    t.port,
    t.started_at,
    t.transaction_id,
    t.driver_hash,
    t.started_at as charge_started_at,
    t.stopped_at,
    t.energy_kwh,
    t.stop_reason,
    coalesce(t.stopped_at, t.started_at) as ended_at
from core.stg_ocpp__transaction as t
where not exists (
    select from joined as j
    where j.station_id = t.station_id and j.transaction_id = t.transaction_id
);
