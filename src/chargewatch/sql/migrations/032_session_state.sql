-- What utilization and OCPI need of a session besides its times and energy:
-- state: the station's state or province, where its source gives it (what
--   chargewatch sessions and forecast group by state);
-- rated_kw: the port's rated power, where its source gives it (capacity factor);
-- status_source: the status source whose ports and stations these sessions'
--   station and port IDs name (OCPI Sessions name the Locations feed's), whose
--   outages and opening hours take time out of the ports' available time.
alter table core.session add column state text;
alter table core.session add column rated_kw double precision;
alter table core.session add column status_source text;
-- is_final: the session's record is its source's last word on it (an OCPI CDR);
-- false for an OCPI Session, which its CDR replaces and which never replaces it.
alter table core.session add column is_final boolean not null default true;

