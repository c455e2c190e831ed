-- core.stg_belib__observation: what each line of a Belib snapshot observed, in
-- the shape every status source gives (chargewatch.warehouse.port_status). A
-- line is an event at its own update time (Heure mise à jour; the snapshot's
-- time when empty), and the snapshot lists the point up to its own time. A
-- port is a charging point (ID PDC local, FR*V75*E9006*02*3); its station is
-- that ID without its last part (FR*V75*E9006*02, the static registry's
-- station FR*V75*P9006*02). Coordinates are "lat,lon". Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_belib__observation;

create view core.stg_belib__observation as
select
    r.load_id,
    r.line_number,
    least(coalesce(r.updated_at, r.taken_at), r.taken_at) as observed_at,
    r.taken_at as seen_at,
    null::boolean as poll_succeeded,
    r.pdc_id as port_key,
    regexp_replace(r.pdc_id, '\*[^*]*$', '') as station_id,
    r.pdc_id as port_id,
    null::text as connector,
    null::numeric as power_kw,
    core.number_or_null(split_part(r.coordinates, ',', 1)) as latitude,
    core.number_or_null(split_part(r.coordinates, ',', 2)) as longitude,
    r.status_label as source_status,
    null::text as error_code,
    false as whole_station,
    'Belib'::text as network,
    null::text as state,
    r.status
from raw.belib_status as r
where r.pdc_id <> '';
