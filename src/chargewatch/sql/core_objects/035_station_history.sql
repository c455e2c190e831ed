-- core.station_history: every version of every station, type 2 by
-- snapshot date: ended versions from core.station_version and the current
-- ones from core.station (valid_to and ended_by null). A version is valid
-- from valid_from up to, not including, valid_to. Columns are named, not
-- taken by position: the two tables' orders could drift apart.
-- Grain: one row per (source, source_station_id, valid_from).
drop view if exists core.station_history cascade;

create view core.station_history as
select
    v.source, v.source_station_id, v.name, v.street_address, v.city, v.state, v.zip, v.country,
    v.latitude, v.longitude, v.status, v.status_code, v.expected_date, v.access,
    v.access_detail_code, v.groups_with_access, v.restricted_access, v.facility_type,
    v.owner_type, v.network, v.level1_port_count, v.level2_port_count, v.dc_fast_port_count,
    v.connector_types, v.hours_text, v.hours_known, v.is_24_7, v.hours_schedule, v.open_date,
    v.date_last_confirmed, v.updated_at, v.as_of_date, v.first_load_id, v.last_load_id,
    v.source_line_number, v.valid_from,
    v.valid_to, v.ended_by
from core.station_version as v
union all
select
    s.source, s.source_station_id, s.name, s.street_address, s.city, s.state, s.zip, s.country,
    s.latitude, s.longitude, s.status, s.status_code, s.expected_date, s.access,
    s.access_detail_code, s.groups_with_access, s.restricted_access, s.facility_type,
    s.owner_type, s.network, s.level1_port_count, s.level2_port_count, s.dc_fast_port_count,
    s.connector_types, s.hours_text, s.hours_known, s.is_24_7, s.hours_schedule, s.open_date,
    s.date_last_confirmed, s.updated_at, s.as_of_date, s.first_load_id, s.last_load_id,
    s.source_line_number, s.valid_from,
    null::date as valid_to, null::text as ended_by
from core.station as s;
