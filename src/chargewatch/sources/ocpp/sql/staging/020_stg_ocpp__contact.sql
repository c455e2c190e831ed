-- core.stg_ocpp__contact: each message of a charger a log holds, which watches
-- it until the log's end; spoke: the charger sent it (any call it made, any
-- answer to the central system's), which breaks its silence. A BootNotification
-- the central system accepted carries the heartbeat interval it was given (else
-- one the reader worked out from the charger's Heartbeats). Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocpp__contact;

create view core.stg_ocpp__contact as
select
    r.load_id,
    r.line_number,
    r.charger_id as station_id,
    r.logged_at as said_at,
    r.log_end as seen_until,
    r.heartbeat_interval,
    r.from_charger as spoke
from raw.ocpp_message as r;
