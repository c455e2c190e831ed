-- raw.bfe_evse_status: one row per EVSE of a Swiss federal energy office (BFE,
-- ich-tanke-strom.ch) status snapshot, the columns chargewatch reads as the
-- file gave them, beside what the reader made of them: updated_at (lastUpdate,
-- null when empty), taken_at (the snapshot's time: its newest lastUpdate) and
-- status (EvseStatus mapped by the package's tables/status.csv).
-- Grain: one row per (load_id, line_number).
create table raw.bfe_evse_status (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    evse_id text,
    evse_status text,
    last_update text,
    charging_station_id text,
    operator_id text,
    plugs text,
    latitude text,
    longitude text,
    city text,
    updated_at timestamptz,
    taken_at timestamptz not null,
    status text not null
);

create index bfe_evse_status_by_load on raw.bfe_evse_status (load_id);
