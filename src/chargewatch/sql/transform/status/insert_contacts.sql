-- The messages of its chargers one load of an event feed holds ({contact}: the
-- source's core.stg_<source>__contact), once per (station, time); a log loaded
-- twice, or two logs that overlap, add nothing twice. A later log may watch a
-- charger longer (seen_until), know its heartbeat, or hold a message it sent
-- at a time another log has only the central system's for (spoke).
-- Grain: one row per (source, station_id, said_at).
insert into core.status_contact (
    source, station_id, said_at, seen_until, heartbeat_interval, spoke, load_id, line_number
)
select distinct on (c.station_id, c.said_at)
    %(source)s as source,
    c.station_id,
    c.said_at,
    c.seen_until,
    c.heartbeat_interval,
    bool_or(c.spoke) over (partition by c.station_id, c.said_at) as spoke,
    %(load_id)s as load_id,
    c.line_number
from {contact} as c
where c.load_id = %(load_id)s
order by c.station_id, c.said_at, c.heartbeat_interval nulls last, c.line_number
on conflict (source, station_id, said_at) do update
set
    seen_until = greatest(core.status_contact.seen_until, excluded.seen_until),
    heartbeat_interval = coalesce(
        core.status_contact.heartbeat_interval, excluded.heartbeat_interval
    ),
    spoke = core.status_contact.spoke or excluded.spoke
