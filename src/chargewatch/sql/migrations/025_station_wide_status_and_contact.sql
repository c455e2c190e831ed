-- What event feeds say of a whole station, and when a charger last spoke
-- (SPEC §4b). An OCPP status for connector 0 (1.6) or EVSE 0 (2.0.1) is an event
-- of the station's whole_station port, and it applies to every port of that
-- station; core.status_contact records each message a charger sent, for the
-- time it said nothing (offline).
alter table core.port add column whole_station boolean not null default false;

comment on column core.port.whole_station is
    'True for the row that stands for a whole station in a feed that reports statuses '
    'for all of a station''s ports at once (OCPP connector 0): its events apply to every '
    'port of the station, and it has no intervals of its own.';

-- core.status_contact: one row per (source, station, time) a charger sent a
-- message; seen_until is the end of the log that held it (the charger was
-- watched until then), heartbeat_interval what its BootNotification was
-- answered with.
create table core.status_contact (
    source text not null,
    station_id text not null,
    said_at timestamptz not null,
    seen_until timestamptz not null,
    heartbeat_interval interval,
    load_id bigint not null references core.load (load_id),
    line_number integer not null,
    primary key (source, station_id, said_at)
);

-- core.status_feed_setting: how long a feed's statuses hold when nothing
-- follows (SPEC §4b): max_gap for a polled feed, offline_after for a charger
-- that says nothing (null: three heartbeat intervals, else 15 minutes).
create table core.status_feed_setting (
    source text primary key,
    max_gap interval not null default interval '15 minutes',
    offline_after interval,
    constraint status_feed_setting_positive check (
        max_gap > interval '0' and (offline_after is null or offline_after > interval '0')
    )
);
