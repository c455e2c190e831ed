-- core.stg_ocpp__contact: each message a charger sent (any call it made, any
-- answer to the central system's), for the time it said nothing; a
-- BootNotification the central system accepted carries the heartbeat interval
-- it was given. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocpp__contact;

create view core.stg_ocpp__contact as
select
    r.load_id,
    r.line_number,
    r.charger_id as station_id,
    r.logged_at as said_at,
    r.log_end as seen_until,
    r.heartbeat_interval
from raw.ocpp_message as r
where r.from_charger;
