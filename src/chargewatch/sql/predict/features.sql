-- What maintenance prediction learns from and scores: one row per port and day d
-- (UTC, %(first_day)s to %(last_day)s) for each port its feed observed in the 24
-- hours before d began. Every feature is what was known at d's first instant
-- (the cutoff): intervals are cut there, and an outage counts only from a start
-- before it (core.charger_fault: the port's own faults, not feed outages). A
-- charger that falls silent is offline from its last message, which is known
-- only once the silence has lasted (its feed's offline_after, else three
-- heartbeats, else 15 minutes): such time counts only from then. Feed outages
-- are not faults, but they are time out of order: they count in the shares of
-- time down, in is_down, in the station's ports down and in persistence.
-- began_outage, the label: a charger fault of 30 minutes or more began in the 24
-- hours from the cutoff, as known by %(known_until)s (null when those 24 hours
-- are not all known by then).
-- Baselines: persistence (1 when the port was out of order in the 24 hours
-- before the cutoff) and historical_rate (the share of the days since the port
-- was first seen, up to the cutoff, on which such an outage began). minutes_since_fault stops at 30
-- days (43,200), which it also is for a port never seen failing.
with days as (
    select
        g.day::date as day,
        g.day at time zone 'UTC' as cutoff
    from generate_series(%(first_day)s::timestamp, %(last_day)s::timestamp, interval '1 day')
        as g (day)
),

silence as (
    select
        c.source,
        max(coalesce(fs.offline_after, 3 * c.heartbeat_interval, interval '15 minutes'))
            as delay
    from core.status_contact as c
    left join core.status_feed_setting as fs on fs.source = c.source
    group by c.source
),

ports as (
    select
        p.port_pk,
        p.source,
        p.station_id,
        p.port_id,
        p.port_key,
        coalesce(s.delay, interval '0') as offline_delay
    from core.port as p
    left join silence as s on s.source = p.source
    where not p.whole_station and (%(source)s::text is null or p.source = %(source)s::text)
),

faults as materialized (
    select
        f.port_pk,
        f.started_at,
        f.ended_at,
        f.status,
        f.started_at + case when f.status = 'offline' then p.offline_delay else interval '0' end
            as known_at
    from core.charger_fault as f
    inner join ports as p on p.port_pk = f.port_pk
),

first_seen as (
    select i.port_pk, min(i.starts_at) as first_at
    from core.port_status_interval as i
    inner join ports as p on p.port_pk = i.port_pk
    group by i.port_pk
),

week as (
    select
        p.port_pk,
        p.source,
        p.station_id,
        d.day,
        d.cutoff,
        i.status,
        i.starts_at,
        extract(epoch from least(i.ends_at, d.cutoff)
            - greatest(i.starts_at, d.cutoff - interval '7 days')) / 60 as minutes,
        greatest(0, extract(epoch from least(i.ends_at, d.cutoff)
            - greatest(i.starts_at, d.cutoff - interval '1 day')) / 60) as minutes_1d
    from days as d
    inner join core.port_status_interval as i
        on i.starts_at < d.cutoff and i.ends_at > d.cutoff - interval '7 days'
    inner join ports as p on p.port_pk = i.port_pk
    where not (i.status = 'offline' and i.starts_at + p.offline_delay >= d.cutoff)
),

status_week as (
    select
        port_pk,
        source,
        station_id,
        day,
        cutoff,
        sum(minutes) as observed_7d,
        coalesce(sum(minutes) filter (where status = 'in_use'), 0) as in_use_7d,
        sum(minutes_1d) as observed_1d,
        coalesce(sum(minutes_1d) filter (where status in ('out_of_service', 'offline')), 0)
            as outage_1d,
        (array_agg(status order by starts_at desc))[1] in ('out_of_service', 'offline')
            as is_down
    from week
    group by port_pk, source, station_id, day, cutoff
    having sum(minutes_1d) > 0
),

station_now as (
    select source, station_id, day, count(*) as ports, count(*) filter (where is_down) as down
    from status_week
    group by source, station_id, day
),

history as (
    select
        s.port_pk,
        s.day,
        count(*) filter (where f.started_at >= s.cutoff - interval '1 day') as faults_1d,
        count(*) filter (where f.started_at >= s.cutoff - interval '3 days') as faults_3d,
        count(*) filter (where f.started_at >= s.cutoff - interval '7 days') as faults_7d,
        count(*) filter (
            where
                f.started_at >= s.cutoff - interval '7 days'
                and f.ended_at < s.cutoff
                and f.ended_at - f.started_at < interval '30 minutes'
        ) as flaps_7d,
        max(f.started_at) as last_fault_at,
        count(distinct (f.started_at at time zone 'UTC')::date) filter (
            where least(f.ended_at, s.cutoff) - f.started_at >= interval '30 minutes'
        ) as long_fault_days
    from status_week as s
    inner join faults as f on f.port_pk = s.port_pk and f.known_at < s.cutoff
    group by s.port_pk, s.day
),

label as (
    select
        s.port_pk,
        s.day,
        bool_or(
            least(f.ended_at, %(known_until)s::timestamptz) - f.started_at
            >= interval '30 minutes'
        ) as began_outage
    from status_week as s
    inner join faults as f
        on
            f.port_pk = s.port_pk
            and f.started_at >= s.cutoff
            and f.started_at < s.cutoff + interval '1 day'
            and f.started_at < %(known_until)s::timestamptz
    group by s.port_pk, s.day
)

select
    s.port_pk,
    p.source,
    p.station_id,
    p.port_id,
    p.port_key,
    s.day,
    coalesce(h.faults_1d, 0) as faults_1d,
    coalesce(h.faults_3d, 0) as faults_3d,
    coalesce(h.faults_7d, 0) as faults_7d,
    coalesce(h.flaps_7d, 0) as flaps_7d,
    least(coalesce(extract(epoch from s.cutoff - h.last_fault_at) / 60, 43200), 43200)::float8
        as minutes_since_fault,
    (s.outage_1d / s.observed_1d)::float8 as outage_share_1d,
    (s.in_use_7d / s.observed_7d)::float8 as in_use_share_7d,
    (s.observed_1d / 1440)::float8 as observed_share_1d,
    s.is_down::int as is_down,
    coalesce((n.down - s.is_down::int)::float8 / nullif(n.ports - 1, 0), 0) as peers_down_share,
    n.ports - 1 as peer_ports,
    extract(isodow from s.day)::int as day_of_week,
    (s.outage_1d > 0)::int as persistence,
    coalesce(h.long_fault_days, 0)::float8
    / greatest(1, s.day - (fs.first_at at time zone 'UTC')::date) as historical_rate,
    case
        when s.cutoff + interval '1 day' <= %(known_until)s::timestamptz
            then coalesce(l.began_outage, false)
    end as began_outage
from status_week as s
inner join ports as p on p.port_pk = s.port_pk
inner join first_seen as fs on fs.port_pk = s.port_pk
inner join station_now as n on n.source = s.source and n.station_id = s.station_id and n.day = s.day
left join history as h on h.port_pk = s.port_pk and h.day = s.day
left join label as l on l.port_pk = s.port_pk and l.day = s.day
order by s.day, s.port_pk;
