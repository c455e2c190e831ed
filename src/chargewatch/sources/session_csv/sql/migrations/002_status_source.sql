-- status_source: the status feed whose stations and ports the line's station_id
-- and port_id name (as core.session.status_source), so that its sessions meet
-- that feed's outages, opening hours and anomalies.
alter table raw.session_csv add column status_source text;
