-- reporting.station_congestion: how often a station is full (EV Charging Use Data
-- Specification's site congestion): the minutes as many sessions were plugged in
-- at once as it has ports, over its available minutes (its ports' mean, from
-- reporting.port_day). Back-to-back sessions (one ends as the next starts) do
-- not overlap.
-- Grain: one row per (source, station_id).
create view reporting.station_congestion as
with sessions as (
    select s.source, s.station_id, coalesce(s.port_id, '') as port_id, s.plug_in_at, s.plug_out_at
    from core.session as s
    where s.station_id is not null
),

events as (
    select source, station_id, plug_in_at as at, 1 as change from sessions
    union all
    select source, station_id, plug_out_at as at, -1 as change from sessions
),

running as (
    select
        source,
        station_id,
        at,
        sum(change) over w as plugged_in,
        lead(at) over w as next_at
    from events
    window w as (partition by source, station_id order by at, change rows unbounded preceding)
),

full_time as (
    select r.source, r.station_id, extract(epoch from r.next_at - r.at) / 60 as minutes, r.plugged_in
    from running as r
),

available as (
    select
        source,
        station_id,
        count(distinct port_id) as ports,
        sum(available_minutes) / count(distinct port_id) as available_minutes
    from reporting.port_day
    group by source, station_id
)

select
    a.source,
    a.station_id,
    a.ports,
    round(coalesce(sum(f.minutes) filter (where f.plugged_in >= a.ports), 0)::numeric, 3)::float8
        as full_minutes,
    round(a.available_minutes::numeric, 3)::float8 as available_minutes,
    round((coalesce(sum(f.minutes) filter (where f.plugged_in >= a.ports), 0)
        / nullif(a.available_minutes, 0))::numeric, 4)::float8 as congestion
from available as a
left join full_time as f on f.source = a.source and f.station_id = a.station_id
group by a.source, a.station_id, a.ports, a.available_minutes;

comment on view reporting.station_congestion is
    'One row per session station: the share of its available time that every port was '
    'occupied (site congestion).';
comment on column reporting.station_congestion.source is 'The session source.';
comment on column reporting.station_congestion.station_id is 'The station as the source names it.';
comment on column reporting.station_congestion.ports is
    'Its ports: the distinct port IDs its sessions name (a station naming none is one port).';
comment on column reporting.station_congestion.full_minutes is
    'Minutes at least as many sessions were plugged in at once as it has ports.';
comment on column reporting.station_congestion.available_minutes is
    'Its ports'' mean available minutes (reporting.port_day).';
comment on column reporting.station_congestion.congestion is 'full_minutes / available_minutes.';
