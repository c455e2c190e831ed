-- core.session_port: the status feed's port each session names, by its
-- status_source, station_id and port_id, where those name exactly one port (a
-- feed whose IDs repeat at two places, as ESB's charge point IDs can, cannot
-- say which of them a session used: such sessions name none).
-- Grain: one row per (source, session_id).
drop view if exists core.session_port cascade;

create view core.session_port as
with named as (
    select source, station_id, port_id, min(port_pk) as port_pk
    from core.port
    where not whole_station
    group by source, station_id, port_id
    having count(*) = 1
)

select
    s.source,
    s.session_id,
    n.port_pk
from core.session as s
inner join named as n
    on n.source = s.status_source and n.station_id = s.station_id and n.port_id = s.port_id;
