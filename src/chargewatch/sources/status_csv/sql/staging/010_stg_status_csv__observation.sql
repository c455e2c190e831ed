-- core.stg_status_csv__observation: what each line of a status CSV read by
-- --column-map observed, in the shape every status source gives
-- (chargewatch.warehouse.port_status). A line is an event at its observed_at,
-- and the file watches every port it lists up to its newest one. A port is
-- (station_id, port_id). Filter it by load_id.
-- Grain: one row per (load_id, line_number, port_id).
drop view if exists core.stg_status_csv__observation;

create view core.stg_status_csv__observation as
select
    r.load_id,
    r.line_number,
    r.observed_at,
    r.taken_at as seen_at,
    null::boolean as poll_succeeded,
    r.station_id || '|' || r.port_id as port_key,
    r.station_id,
    r.port_id,
    r.connector,
    r.power_kw,
    core.number_or_null(r.latitude) as latitude,
    core.number_or_null(r.longitude) as longitude,
    r.status_text as source_status,
    null::text as error_code,
    false as whole_station,
    r.network,
    r.state,
    r.status
from raw.status_csv as r;
