-- core.stg_ocpp__transaction: each charging transaction the OCPP logs tell, from
-- every load (a message logged twice, by overlapping logs, counts once). OCPP
-- 1.6: a StartTransaction (its connector, idTag and meterStart; its transaction
-- ID from the central system's answer) and the StopTransaction of that ID
-- (meterStop, reason: Local when it gives none). OCPP 2.0.1: the
-- TransactionEvents of one transactionId (its EVSE, the first idToken, Started
-- to Ended, energy the rise of Energy.Active.Import.Register, in Wh, over its
-- meter values, stoppedReason). driver_hash is the SHA-256 of the ID token.
-- Grain: one row per (station_id, transaction_id).
drop view if exists core.stg_ocpp__transaction cascade;

create view core.stg_ocpp__transaction as
with messages as (
    select distinct on (r.charger_id, r.message_type, r.message_id, r.logged_at)
        r.charger_id,
        r.message_type,
        r.message_id,
        r.action,
        r.payload,
        r.logged_at
    from raw.ocpp_message as r
    where not r.quarantined and r.action in ('StartTransaction', 'StopTransaction', 'TransactionEvent')
    order by r.charger_id, r.message_type, r.message_id, r.logged_at, r.load_id desc
),

v16_start as (
    select
        c.charger_id as station_id,
        a.payload ->> 'transactionId' as transaction_id,
        (c.payload ->> 'connectorId')::integer as port,
        c.payload ->> 'idTag' as id_token,
        coalesce(core.timestamptz_or_null(c.payload ->> 'timestamp'), c.logged_at) as started_at,
        core.number_or_null(c.payload ->> 'meterStart') as meter_start
    from messages as c
    inner join messages as a
        on a.charger_id = c.charger_id and a.message_id = c.message_id and a.message_type = 3
    where c.action = 'StartTransaction' and c.message_type = 2
),

v16_stop as (
    select distinct on (charger_id, payload ->> 'transactionId')
        charger_id as station_id,
        payload ->> 'transactionId' as transaction_id,
        coalesce(core.timestamptz_or_null(payload ->> 'timestamp'), logged_at) as stopped_at,
        core.number_or_null(payload ->> 'meterStop') as meter_stop,
        coalesce(payload ->> 'reason', 'Local') as stop_reason
    from messages
    where action = 'StopTransaction' and message_type = 2
    order by charger_id, payload ->> 'transactionId', logged_at
),

v201_events as (
    select
        m.charger_id as station_id,
        m.payload -> 'transactionInfo' ->> 'transactionId' as transaction_id,
        m.payload ->> 'eventType' as event_type,
        (m.payload -> 'evse' ->> 'id')::integer as port,
        m.payload -> 'idToken' ->> 'idToken' as id_token,
        coalesce(core.timestamptz_or_null(m.payload ->> 'timestamp'), m.logged_at) as at,
        m.payload -> 'transactionInfo' ->> 'stoppedReason' as stopped_reason,
        (
            select max(core.number_or_null(v ->> 'value'))
            from jsonb_array_elements(coalesce(m.payload -> 'meterValue', '[]')) as mv,
                jsonb_array_elements(coalesce(mv -> 'sampledValue', '[]')) as v
            where coalesce(v ->> 'measurand', 'Energy.Active.Import.Register')
                = 'Energy.Active.Import.Register'
        ) as energy_high,
        (
            select min(core.number_or_null(v ->> 'value'))
            from jsonb_array_elements(coalesce(m.payload -> 'meterValue', '[]')) as mv,
                jsonb_array_elements(coalesce(mv -> 'sampledValue', '[]')) as v
            where coalesce(v ->> 'measurand', 'Energy.Active.Import.Register')
                = 'Energy.Active.Import.Register'
        ) as energy_low
    from messages as m
    where m.action = 'TransactionEvent' and m.message_type = 2
),

v201 as (
    select
        station_id,
        transaction_id,
        min(port) as port,
        (array_agg(id_token order by at) filter (where id_token is not null))[1] as id_token,
        min(at) as started_at,
        max(at) filter (where event_type = 'Ended') as stopped_at,
        (max(energy_high) - min(energy_low)) / 1000 as energy_kwh,
        coalesce(max(stopped_reason), 'Local') as stop_reason
    from v201_events
    group by station_id, transaction_id
)

select
    s.station_id,
    s.transaction_id,
    s.port,
    encode(sha256(convert_to(s.id_token, 'UTF8')), 'hex') as driver_hash,
    s.started_at,
    e.stopped_at,
    (e.meter_stop - s.meter_start) / 1000 as energy_kwh,
    e.stop_reason
from v16_start as s
left join v16_stop as e on e.station_id = s.station_id and e.transaction_id = s.transaction_id
union all
select
    station_id,
    transaction_id,
    port,
    encode(sha256(convert_to(id_token, 'UTF8')), 'hex') as driver_hash,
    started_at,
    stopped_at,
    energy_kwh,
    stop_reason
from v201;
