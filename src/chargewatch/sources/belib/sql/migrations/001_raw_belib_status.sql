-- raw.belib_status: one row per charging point (PDC) of a Paris Belib status
-- snapshot, its columns as the file gave them, beside what the reader made of
-- them: updated_at (Heure mise à jour), taken_at (the snapshot's time: its
-- newest update) and status (the French label mapped by the package's
-- tables/status.csv).
-- Grain: one row per (load_id, line_number).
create table raw.belib_status (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    pdc_id text,
    status_label text,
    updated text,
    coordinates text,
    address text,
    insee_code text,
    district text,
    updated_at timestamptz,
    taken_at timestamptz not null,
    status text not null
);

create index belib_status_by_load on raw.belib_status (load_id);
