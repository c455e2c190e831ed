-- Type-2 station history by snapshot date (SPEC §3 station_history).
--
-- A station's current version is its row in core.station; valid_from is the
-- snapshot date that version began. Versions that ended live in
-- core.station_version with the date they ended and why: 'changed' (a later
-- snapshot had other values; the next version begins that day) or 'removed'
-- (a later snapshot of the same source covering the station's state did not
-- list it). Together they are core.station_history.
alter table core.station add column valid_from date;
update core.station set valid_from = as_of_date;
alter table core.station alter column valid_from set not null;

-- Grain: one row per (source, source_station_id, valid_from). Each row keeps
-- the last record seen while the version held.
create table core.station_version (
    like core.station,
    valid_to date not null,
    ended_by text not null check (ended_by in ('changed', 'removed')),
    primary key (source, source_station_id, valid_from),
    check (valid_to > valid_from)
);

-- The states a load's file covers (its accepted stations' states, '' for
-- none): a station it does not list is removed only if its state is here.
-- Null until a later snapshot needs it.
alter table core.load add column covered_states text[];
