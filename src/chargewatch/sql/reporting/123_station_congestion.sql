-- reporting.station_congestion: how often a station is full (EV Charging Use Data
-- Specification's site congestion): the minutes every one of its ports was
-- occupied at once, over its available minutes (its ports' mean, from
-- reporting.port_day). A port is occupied from a plug-in to the last plug-out of
-- its sessions that overlap or follow on without a gap, so two sessions a
-- source gives one port at once count once; back-to-back sessions on two ports
-- do not overlap. A station whose sessions name no port is one port.
-- Grain: one row per (source, station_id).
create view reporting.station_congestion as
with sessions as (
    select s.source, s.station_id, coalesce(s.port_id, '') as port_id, s.plug_in_at, s.plug_out_at
    from core.session as s
    where s.station_id is not null
),

marked as (
    select
        s.*,
        coalesce(
            s.plug_in_at > max(s.plug_out_at) over (
                partition by s.source, s.station_id, s.port_id order by s.plug_in_at, s.plug_out_at
                rows between unbounded preceding and 1 preceding
            ),
            true
        ) as starts_run
    from sessions as s
),

numbered as (
    select
        m.*,
        sum(m.starts_run::integer) over (
            partition by m.source, m.station_id, m.port_id order by m.plug_in_at, m.plug_out_at
        ) as run
    from marked as m
),

occupied as (
    select source, station_id, port_id, min(plug_in_at) as starts_at, max(plug_out_at) as ends_at
    from numbered
    group by source, station_id, port_id, run
),

events as (
    select source, station_id, starts_at as at, 1 as change from occupied
    union all
    select source, station_id, ends_at as at, -1 as change from occupied
),

running as (
    select
        source,
        station_id,
        sum(change) over w as ports_occupied,
        extract(epoch from lead(at) over w - at) / 60 as minutes
    from events
    window w as (partition by source, station_id order by at, change rows unbounded preceding)
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
    round(coalesce(sum(r.minutes) filter (where r.ports_occupied >= a.ports), 0)::numeric, 3)::float8
        as full_minutes,
    round(a.available_minutes::numeric, 3)::float8 as available_minutes,
    round((coalesce(sum(r.minutes) filter (where r.ports_occupied >= a.ports), 0)
        / nullif(a.available_minutes, 0))::numeric, 4)::float8 as congestion
from available as a
left join running as r on r.source = a.source and r.station_id = a.station_id
group by a.source, a.station_id, a.ports, a.available_minutes;

comment on view reporting.station_congestion is
    'One row per session station: the share of its available time that every port was '
    'occupied (site congestion).';
comment on column reporting.station_congestion.source is 'The session source.';
comment on column reporting.station_congestion.station_id is 'The station as the source names it.';
comment on column reporting.station_congestion.ports is
    'Its ports: the distinct port IDs its sessions name (a station naming none is one port).';
comment on column reporting.station_congestion.full_minutes is
    'Minutes every one of its ports was occupied at once.';
comment on column reporting.station_congestion.available_minutes is
    'Its ports'' mean available minutes (reporting.port_day).';
comment on column reporting.station_congestion.congestion is 'full_minutes / available_minutes.';
