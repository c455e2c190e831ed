-- raw.ocpp_message: one row per line of an OCPP log, the frame as logged
-- (message_type 2 call, 3 result, 4 error; payload as JSON) beside what the
-- reader made of it: action (a result's from the call it answers),
-- from_charger (the charger sent it), heartbeat_interval (a BootNotification
-- the central system accepted, with the interval it gave), and for a
-- StatusNotification its OCPP version, EVSE and connector, status as sent,
-- error code, time (the payload's, else the line's) and canonical status.
-- log_end is the newest time the log holds.
-- Grain: one row per (load_id, line_number).
create table raw.ocpp_message (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    logged_at timestamptz not null,
    charger_id text not null,
    message_type smallint not null,
    message_id text not null,
    action text,
    payload jsonb,
    from_charger boolean not null,
    heartbeat_interval interval,
    ocpp_version text,
    evse_id integer,
    connector_id integer,
    source_status text,
    error_code text,
    observed_at timestamptz,
    status text,
    log_end timestamptz not null
);

create index ocpp_message_by_load on raw.ocpp_message (load_id);
