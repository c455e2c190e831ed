-- reporting.station_history: every version of every charging station, type 2
-- by snapshot date. A version holds from valid_from up to, not including,
-- valid_to (null: it is current); ended_by says why it ended: changed (the
-- next version begins that day) or removed (a snapshot covering its state no
-- longer listed it). Its other values are the last record seen while it held.
-- Grain: one row per (source, station_id, valid_from).
create view reporting.station_history as
select
    s.source,
    s.source_station_id as station_id,
    s.name as station_name,
    s.street_address,
    s.city,
    s.state,
    s.zip,
    s.country,
    s.latitude,
    s.longitude,
    s.status,
    core.is_existing(s.status) as is_existing,
    s.access,
    s.restricted_access as is_restricted_access,
    s.facility_type,
    s.owner_type,
    s.network,
    coalesce(s.level1_port_count, 0) as level1_port_count,
    coalesce(s.level2_port_count, 0) as level2_port_count,
    coalesce(s.dc_fast_port_count, 0) as dc_fast_port_count,
    coalesce(s.dc_fast_port_count, 0) > 0 as has_dc_fast,
    array_to_string(s.connector_types, ' ') as connector_types,
    cardinality(s.connector_types) as connector_type_count,
    s.hours_text,
    s.hours_known as is_hours_known,
    s.is_24_7,
    s.expected_date,
    s.open_date,
    s.date_last_confirmed,
    s.updated_at,
    s.as_of_date,
    s.last_load_id as load_id,
    s.source_line_number,
    s.valid_from,
    s.valid_to,
    s.ended_by
from core.station_history as s;

comment on view reporting.station_history is
    'One row per version of a charging station (source, station_id, valid_from): what it '
    'was from valid_from until valid_to (null: current). ended_by: changed | removed.';
comment on column reporting.station_history.load_id is
    'The last load that saw this version (its values are from that record).';
