-- Status intervals are rebuilt from the events of ports the loader has just
-- written, in bulk: a foreign key checked row by row cost a third of a
-- rebuild, and guarded nothing (as for core.status_event, migration 023).
alter table core.port_status_interval drop constraint port_status_interval_port_pk_fkey;
