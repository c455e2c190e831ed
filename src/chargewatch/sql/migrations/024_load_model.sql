-- What a load gave: a registry's snapshot of stations, or a status feed's
-- observations of ports. Snapshot dates, station KPIs and their history are
-- the stations loads' only.
alter table core.load add column model text not null default 'stations';

alter table core.load add constraint load_model check (model in ('stations', 'port_status'));

-- Loads made before this column: a status feed's are those that gave polls or
-- observations.
update core.load as l
set model = 'port_status'
where
    exists (select from core.status_event as e where e.load_id = l.load_id)
    or exists (select from core.status_poll as p where p.load_id = l.load_id);
