-- reporting.charge_attempt: each charge attempt the OCPP logs tell
-- (core.stg_ocpp__attempt, ChargeX's definition), with how it ended: whether
-- its transaction stopped normally (the driver or the vehicle ended it, or a
-- limit it was given was reached; not a fault, a reset, a power loss or an
-- emergency stop), and its energy. Whether it succeeded takes a threshold of
-- energy (chargewatch attempts --min-kwh), so it is worked out by the reader.
-- Grain: one row per (station_id, port, started_at).
create view reporting.charge_attempt as
select
    a.station_id,
    a.port,
    a.started_at,
    a.transaction_id,
    a.driver_hash,
    a.charge_started_at,
    a.stopped_at,
    round(a.energy_kwh::numeric, 3)::float8 as energy_kwh,
    a.stop_reason,
    case
        when a.stopped_at is null then null
        else a.stop_reason in (
            'Local', 'Remote', 'EVDisconnected', 'StoppedByEV', 'SOCLimitReached',
            'TimeLimitReached', 'EnergyLimitReached', 'CostLimitReached'
        )
    end as stopped_normally,
    a.ended_at
from core.stg_ocpp__attempt as a;

comment on view reporting.charge_attempt is
    'One row per charge attempt in the OCPP logs (a port turning Preparing or Occupied, or a '
    'transaction without one), joined to its transaction: what chargewatch attempts counts.';
comment on column reporting.charge_attempt.station_id is 'The charger (its OCPP identity).';
comment on column reporting.charge_attempt.port is 'The connector (1.6) or EVSE (2.0.1).';
comment on column reporting.charge_attempt.started_at is 'When the attempt began (UTC).';
comment on column reporting.charge_attempt.transaction_id is
    'The transaction the attempt led to; null when it never started charging.';
comment on column reporting.charge_attempt.driver_hash is
    'SHA-256 of the driver''s ID token (idTag, idToken): its transaction''s, else that of '
    'the first Authorize during the attempt; null when neither tells.';
comment on column reporting.charge_attempt.charge_started_at is 'When the transaction started.';
comment on column reporting.charge_attempt.stopped_at is
    'When the transaction stopped; null while it runs on past the logs.';
comment on column reporting.charge_attempt.energy_kwh is
    'Energy the transaction delivered, kWh (its meter''s rise).';
comment on column reporting.charge_attempt.stop_reason is
    'Why it stopped, as the charger said (Local when it did not say).';
comment on column reporting.charge_attempt.stopped_normally is
    'The driver or vehicle stopped it, or a limit was reached; false for faults, resets, '
    'power loss, emergency stops; null when there is no stop.';
comment on column reporting.charge_attempt.ended_at is
    'When the attempt ended: its transaction''s stop, else its port''s next status (what '
    'visits are measured from).';
