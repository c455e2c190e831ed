-- core.stg_ocpp__transaction: each charging transaction the OCPP logs tell, from
-- every load (a message logged twice, by overlapping logs, counts once). OCPP
-- 1.6: a StartTransaction (its connector, idTag and meterStart) with its
-- transaction ID from the central system's answer (the first answer to that
-- message ID in the same log within 10 minutes: chargers reuse message IDs), and
-- the StopTransaction of that ID (meterStop, reason: Local when it gives none).
-- OCPP 2.0.1: the TransactionEvents of one transactionId (its EVSE, the first
-- idToken, Started to Ended, stoppedReason), energy the rise of the outlet's
-- Energy.Active.Import.Register over its meter values (all phases together; its
-- unitOfMeasure and multiplier applied). A payload time more than a day from its
-- line's (a charger clock never set) gives way to the line's time, as status
-- times do. driver_hash is the SHA-256 of the ID token. Fields of the wrong type
-- are taken as absent, so no line stops the view.
-- Grain: one row per (station_id, transaction_id).
drop view if exists core.stg_ocpp__transaction cascade;

create view core.stg_ocpp__transaction as
with messages as (
    select distinct on (r.charger_id, r.message_type, r.message_id, r.logged_at)
        r.load_id,
        r.charger_id,
        r.message_type,
        r.message_id,
        r.action,
        r.payload,
        r.logged_at,
        case
            when abs(extract(epoch from core.timestamptz_or_null(r.payload ->> 'timestamp')
                - r.logged_at)) <= 86400
                then core.timestamptz_or_null(r.payload ->> 'timestamp')
            else r.logged_at
        end as at
    from raw.ocpp_message as r
    where
        not r.quarantined
        and r.action in ('StartTransaction', 'StopTransaction', 'TransactionEvent')
        and jsonb_typeof(r.payload) = 'object'
    order by r.charger_id, r.message_type, r.message_id, r.logged_at, r.load_id desc
),

v16_start as (
    select distinct on (c.charger_id, c.message_id, c.logged_at)
        c.charger_id as station_id,
        a.payload ->> 'transactionId' as transaction_id,
        case
            when c.payload ->> 'connectorId' ~ '^\d{1,9}$' then (c.payload ->> 'connectorId')::integer
        end as port,
        c.payload ->> 'idTag' as id_token,
        c.at as started_at,
        core.number_or_null(c.payload ->> 'meterStart') as meter_start
    from messages as c
    inner join messages as a
        on
            a.charger_id = c.charger_id
            and a.message_id = c.message_id
            and a.message_type = 3
            and a.load_id = c.load_id
            and a.logged_at >= c.logged_at
            and a.logged_at < c.logged_at + interval '10 minutes'
    where c.action = 'StartTransaction' and c.message_type = 2
    order by c.charger_id, c.message_id, c.logged_at, a.logged_at
),

v16_stop as (
    select distinct on (charger_id, payload ->> 'transactionId')
        charger_id as station_id,
        payload ->> 'transactionId' as transaction_id,
        at as stopped_at,
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
        case
            when m.payload -> 'evse' ->> 'id' ~ '^\d{1,9}$' then (m.payload -> 'evse' ->> 'id')::integer
        end as port,
        m.payload -> 'idToken' ->> 'idToken' as id_token,
        m.at,
        m.payload -> 'transactionInfo' ->> 'stoppedReason' as stopped_reason,
        e.wh_high,
        e.wh_low
    from messages as m
    cross join lateral (
        select max(w.wh) as wh_high, min(w.wh) as wh_low
        from (
            select
                core.number_or_null(v ->> 'value')
                * power(10, coalesce(core.number_or_null(v -> 'unitOfMeasure' ->> 'multiplier'), 0))
                * case when lower(v -> 'unitOfMeasure' ->> 'unit') = 'kwh' then 1000 else 1 end
                    as wh
            from jsonb_array_elements(
                case when jsonb_typeof(m.payload -> 'meterValue') = 'array'
                    then m.payload -> 'meterValue' else '[]' end
            ) as mv,
                jsonb_array_elements(
                    case when jsonb_typeof(mv -> 'sampledValue') = 'array'
                        then mv -> 'sampledValue' else '[]' end
                ) as v
            where
                coalesce(v ->> 'measurand', 'Energy.Active.Import.Register')
                = 'Energy.Active.Import.Register'
                and v ->> 'phase' is null
                and coalesce(v ->> 'location', 'Outlet') = 'Outlet'
        ) as w
    ) as e
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
        (max(wh_high) - min(wh_low)) / 1000 as energy_kwh,
        coalesce(max(stopped_reason), 'Local') as stop_reason
    from v201_events
    where transaction_id is not null
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
where s.transaction_id is not null
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
