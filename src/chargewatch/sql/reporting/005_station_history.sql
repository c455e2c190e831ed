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
    'One row per version of a charging station (source, station_id, valid_from). A new version '
    'begins on the first snapshot date that lists the station with a different value in any of '
    'the values versions follow: name, street address, city, state, ZIP, country, latitude, '
    'longitude, status, access, facility type, owner type, network, port counts, connector '
    'types or opening-hours text. A version holds from valid_from up to, but not including, '
    'valid_to (null for the current version). To see the stations as they stood on a date D, '
    'keep the rows with valid_from <= D and (valid_to is null or valid_to > D). The other '
    'values (dates, load_id) are those of the last record seen while the version held.';
comment on column reporting.station_history.source is
    'The registry the record came from: a source''s name, such as afdc (the US Alternative '
    'Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.station_history.station_id is
    'The station''s ID in its source (for AFDC, the ID column). Unique within a source: '
    'source and station_id together identify a station.';
comment on column reporting.station_history.station_name is
    'Station name as the source publishes it (AFDC Station Name).';
comment on column reporting.station_history.street_address is
    'Street address as published; null when not given.';
comment on column reporting.station_history.city is
    'City as published (surrounding spaces removed); null when not given.';
comment on column reporting.station_history.state is
    'Two-letter state code in capitals, e.g. WA; null when not given.';
comment on column reporting.station_history.zip is
    'ZIP code as published, kept as text so that leading zeros stay; null when not given.';
comment on column reporting.station_history.country is
    'Two-letter country code in capitals, e.g. US; null when the file has no country.';
comment on column reporting.station_history.latitude is
    'Latitude in decimal degrees (WGS84), from -90 (south) to 90 (north); null when not given.';
comment on column reporting.station_history.longitude is
    'Longitude in decimal degrees (WGS84), from -180 (west) to 180 (east); negative in the '
    'United States; null when not given.';
comment on column reporting.station_history.status is
    'Station status: operational (AFDC status code E: open and available), '
    'temporarily_unavailable (code T), planned (code P: not open yet), or unknown (no status '
    'code, or one the tool does not know). removed is kept for sources that report removals: a '
    'station that an AFDC snapshot stops listing ends its last version with ended_by = removed.';
comment on column reporting.station_history.is_existing is
    'True when the station exists, that is its status is neither planned nor removed '
    '(operational, temporarily_unavailable or unknown). The station KPIs count existing '
    'stations only.';
comment on column reporting.station_history.access is
    'Who may use the station: public, private or unknown. Taken from the AFDC Access Code '
    '(files from 2019 on); otherwise from the first word of Groups With Access Code ("Private - '
    'Government only" is private) or the word in its brackets ("TEMPORARILY UNAVAILABLE '
    '(Public)" is public); unknown when neither says.';
comment on column reporting.station_history.is_restricted_access is
    'True when the source marks the station''s access as restricted (AFDC Restricted Access: '
    'use is limited in some way, for example to customers or residents); false when it marks '
    'it unrestricted; null when the file does not say.';
comment on column reporting.station_history.facility_type is
    'Kind of place the station is at, as the source codes it (AFDC Facility Type), e.g. '
    'HOTEL, PARKING_LOT, CAR_DEALER; null when not given.';
comment on column reporting.station_history.owner_type is
    'Who owns the station: private, utility, federal_government, state_government, '
    'local_government or jointly_owned (AFDC Owner Type Code P, T, FG, SG, LG, J); null when '
    'not given.';
comment on column reporting.station_history.network is
    'Charging network the station belongs to, as published, e.g. ChargePoint Network, '
    'Tesla Destination, Non-Networked; null when not given.';
comment on column reporting.station_history.level1_port_count is
    'Number of Level 1 charging ports (120 V household current, the slowest); 0 when not given.';
comment on column reporting.station_history.level2_port_count is
    'Number of Level 2 charging ports (208-240 V alternating current); 0 when not given.';
comment on column reporting.station_history.dc_fast_port_count is
    'Number of DC fast charging ports (direct current); 0 when not given.';
comment on column reporting.station_history.has_dc_fast is
    'True when the station has at least one DC fast port (dc_fast_port_count above 0): a DC '
    'fast station.';
comment on column reporting.station_history.connector_types is
    'Connector types at the station: distinct codes in alphabetical order, separated by '
    'spaces, e.g. "CHADEMO J1772 J1772COMBO NACS". J1772: the common Level 2 plug; J1772COMBO: '
    'CCS1 DC fast; CHADEMO: CHAdeMO DC fast; NACS: the Tesla connector (TESLA, NACS and J3400 '
    'in the source are all NACS); NEMA515, NEMA520, NEMA1450: wall sockets. Empty when not '
    'given.';
comment on column reporting.station_history.connector_type_count is
    'Number of distinct connector types (the codes in connector_types); 0 when not given.';
comment on column reporting.station_history.hours_text is
    'Opening hours as the source publishes them (AFDC Access Days Time), e.g. "24 hours '
    'daily" or "Mon 6:00am - 11:59pm; Tue ..."; null when not given.';
comment on column reporting.station_history.is_hours_known is
    'True when hours_text could be read as a weekly schedule; false when it gives no hours '
    '(e.g. "Dealership business hours", "Contact station for hours") or is empty.';
comment on column reporting.station_history.is_24_7 is
    'True when the station is open every minute of every day of the week by its opening '
    'hours (e.g. "24 hours daily", "24/7"); false otherwise, and false when the hours are '
    'unknown.';
comment on column reporting.station_history.expected_date is
    'AFDC Expected Date. For a planned station, the date it is expected to open; for a '
    'temporarily unavailable one, the date it is expected to reopen or, in some networks'' '
    'automated feeds, the date it went down. Null when not given.';
comment on column reporting.station_history.open_date is
    'Date the station opened, as published; null when not given.';
comment on column reporting.station_history.date_last_confirmed is
    'Date the source last confirmed the station''s details; null when not given. Days since '
    'then: as_of_date minus date_last_confirmed.';
comment on column reporting.station_history.updated_at is
    'Date and time (UTC) the source last changed the record; null when not given.';
comment on column reporting.station_history.as_of_date is
    'Snapshot date of the file the values are from (the last file that listed this version): '
    'the date given when the file was loaded, else the day of the newest Updated At in it.';
comment on column reporting.station_history.load_id is
    'ID of the load (see reporting.load) of the file the values are from: the last file that '
    'listed this version.';
comment on column reporting.station_history.source_line_number is
    'Line of that file the record is on (the header is line 1).';
comment on column reporting.station_history.valid_from is
    'Snapshot date this version began: the first snapshot that listed the station with these '
    'values.';
comment on column reporting.station_history.valid_to is
    'Snapshot date this version ended; the version holds up to, but not including, this '
    'date. Null for the current version.';
comment on column reporting.station_history.ended_by is
    'Why the version ended: changed (a followed value changed; the next version begins on '
    'valid_to) or removed (a later snapshot of a file covering the station''s state no longer '
    'listed it). Null for the current version.';
