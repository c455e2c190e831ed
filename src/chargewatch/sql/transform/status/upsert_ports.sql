-- The ports one load observed: new ones added, known ones seen over a longer
-- span (last_seen: the newest time a file listed the port, seen_at); its IDs,
-- connector and place as the newest file that listed it gives them (where it
-- gives them: a status change pushed alone says nothing of the place). Returns
-- each port and whether this load added it.
-- Grain: one row per (source, port_key).
insert into core.port (
    source, port_key, station_id, port_id, connector, power_kw, latitude, longitude,
    first_seen, last_seen, first_load_id, whole_station, network, state
)
select
    %(source)s as source,
    o.port_key,
    min(o.station_id) as station_id,
    min(o.port_id) as port_id,
    min(o.connector) as connector,
    max(o.power_kw) as power_kw,
    min(o.latitude) as latitude,
    min(o.longitude) as longitude,
    min(o.observed_at) as first_seen,
    max(o.seen_at) as last_seen,
    %(load_id)s as first_load_id,
    bool_or(o.whole_station) as whole_station,
    min(o.network) as network,
    min(o.state) as state
from {observation} as o
where o.load_id = %(load_id)s and o.port_key is not null
group by o.port_key
order by o.port_key
on conflict (source, port_key) do update
set
    station_id = case
        when excluded.last_seen >= core.port.last_seen then excluded.station_id
        else core.port.station_id
    end,
    port_id = case
        when excluded.last_seen >= core.port.last_seen then excluded.port_id
        else core.port.port_id
    end,
    connector = case
        when excluded.last_seen >= core.port.last_seen
            then coalesce(excluded.connector, core.port.connector)
        else coalesce(core.port.connector, excluded.connector)
    end,
    latitude = case
        when excluded.last_seen >= core.port.last_seen
            then coalesce(excluded.latitude, core.port.latitude)
        else coalesce(core.port.latitude, excluded.latitude)
    end,
    longitude = case
        when excluded.last_seen >= core.port.last_seen
            then coalesce(excluded.longitude, core.port.longitude)
        else coalesce(core.port.longitude, excluded.longitude)
    end,
    network = case
        when excluded.last_seen >= core.port.last_seen
            then coalesce(excluded.network, core.port.network)
        else coalesce(core.port.network, excluded.network)
    end,
    state = case
        when excluded.last_seen >= core.port.last_seen
            then coalesce(excluded.state, core.port.state)
        else coalesce(core.port.state, excluded.state)
    end,
    first_seen = least(core.port.first_seen, excluded.first_seen),
    last_seen = greatest(core.port.last_seen, excluded.last_seen)
returning port_pk, xmax = 0 as is_new
