-- raw.status_csv: one row per port of each line of a status CSV read by
-- --column-map (a station-level line gives one row per port it counts), the
-- mapped fields as the file gave them, beside what the reader made of them:
-- observed_at, taken_at (the file's time: its newest observed_at) and status
-- (the canonical status, by --status-map).
-- Grain: one row per (load_id, line_number, port_id).
create table raw.status_csv (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    station_id text not null,
    port_id text not null,
    status_text text,
    observed_text text,
    latitude text,
    longitude text,
    network text,
    state text,
    connector text,
    power_kw numeric,
    observed_at timestamptz not null,
    taken_at timestamptz not null,
    status text not null
);

create index status_csv_by_load on raw.status_csv (load_id);
