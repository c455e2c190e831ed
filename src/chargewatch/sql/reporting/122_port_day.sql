-- reporting.port_day: each port's use on each day (in its station's local time)
-- from its station's first session to its last, the ground of every utilization
-- figure (EV Charging Use Data Specification): a session's plugged-in and
-- charging time is split over the days it spans; its count and energy go to the
-- day it was plugged in. A port is a (source, station_id, port_id) its sessions
-- name; a station whose sessions name no port is one port, port_id ''.
-- Available time is the day less the hours its station is closed (the opening
-- hours of the status source's station the IDs name, when known) and less the
-- time the status source saw the port out of service, offline or not in service.
-- Charging time: charge_start_at to charge_end_at, else the first
-- charging_minutes of the session (energy flows first); null for a day when one
-- of its sessions tells neither. Days are local calendar days (23 or 25 hours
-- long when the clocks change) in the station's time zone (its sessions', UTC
-- only when none gives another). Known limits: an outage in closed hours is
-- taken out twice, and use while closed or out of service still counts, so
-- utilization can pass 1 there.
-- Grain: one row per (source, station_id, port_id, day).
create view reporting.port_day as
with zones as (
    select
        source,
        station_id,
        coalesce(max(time_zone) filter (where time_zone <> 'UTC'), 'UTC') as time_zone
    from core.session
    where station_id is not null
    group by source, station_id
),

sessions as (
    select
        s.source,
        s.station_id,
        coalesce(s.port_id, '') as port_id,
        s.network,
        s.state,
        s.status_source,
        s.rated_kw,
        s.energy_kwh,
        z.time_zone,
        s.plug_in_at at time zone z.time_zone as local_in,
        s.plug_out_at at time zone z.time_zone as local_out,
        s.plug_in_at,
        s.plug_out_at,
        case
            when s.charge_end_at is not null or s.charging_minutes is not null
                then coalesce(s.charge_start_at, s.plug_in_at)
        end as charge_in,
        least(
            coalesce(
                s.charge_end_at,
                coalesce(s.charge_start_at, s.plug_in_at)
                + make_interval(secs => s.charging_minutes * 60)
            ),
            s.plug_out_at
        ) as charge_out
    from core.session as s
    inner join zones as z on z.source = s.source and z.station_id = s.station_id
    where s.station_id is not null
),

stations as (
    select
        source,
        station_id,
        max(network) as network,
        max(state) as state,
        max(status_source) as status_source,
        max(time_zone) as time_zone,
        min(local_in)::date as first_day,
        max(local_out - interval '1 microsecond')::date as last_day
    from sessions
    group by source, station_id
),

ports as (
    select source, station_id, port_id, max(rated_kw) as rated_kw
    from sessions
    group by source, station_id, port_id
),

pieces as (
    select
        x.source,
        x.station_id,
        x.port_id,
        d.day::date as day,
        0 as sessions,
        0::float8 as energy_kwh,
        extract(epoch from least(b.day_end, x.plug_out_at) - greatest(b.day_start, x.plug_in_at))
            / 60 as occupied_minutes,
        greatest(
            extract(epoch from least(b.day_end, x.charge_out) - greatest(b.day_start, x.charge_in))
                / 60,
            0
        ) as charging_minutes,
        x.charge_in is null as charging_unknown
    from sessions as x
    cross join lateral generate_series(
        date_trunc('day', x.local_in), x.local_out - interval '1 microsecond', interval '1 day'
    ) as d (day)
    cross join lateral (
        select
            d.day at time zone x.time_zone as day_start,
            (d.day + interval '1 day') at time zone x.time_zone as day_end
    ) as b
    union all
    select
        source,
        station_id,
        port_id,
        local_in::date as day,
        1 as sessions,
        coalesce(energy_kwh, 0) as energy_kwh,
        0 as occupied_minutes,
        0 as charging_minutes,
        false as charging_unknown
    from sessions
),

days as (
    select
        p.source,
        p.station_id,
        p.port_id,
        st.network,
        st.state,
        coalesce(p.rated_kw, tp.power_kw::float8) as rated_kw,
        st.time_zone,
        st.first_day + d.n as day,
        h.hours_schedule,
        tp.port_pk
    from ports as p
    inner join stations as st on st.source = p.source and st.station_id = p.station_id
    cross join lateral generate_series(0, st.last_day - st.first_day) as d (n)
    left join core.station as h
        on h.source = st.status_source and h.source_station_id = p.station_id and h.hours_known
    left join core.port as tp
        on tp.source = st.status_source and tp.station_id = p.station_id and tp.port_id = p.port_id
),

measured as (
    select
        y.*,
        extract(epoch from (y.day + 1)::timestamp at time zone y.time_zone
            - y.day::timestamp at time zone y.time_zone) / 60 as day_minutes,
        (
            select coalesce(sum(upper(r) - lower(r)), 0)
            from unnest(y.hours_schedule * int4multirange(int4range(
                (extract(isodow from y.day)::integer - 1) * 1440,
                extract(isodow from y.day)::integer * 1440
            ))) as r
        ) as open_minutes,
        case when y.port_pk is null then 0 else coalesce((
            select sum(extract(epoch from
                least(i.ends_at, (y.day + 1)::timestamp at time zone y.time_zone)
                - greatest(i.starts_at, y.day::timestamp at time zone y.time_zone)) / 60)
            from core.port_status_interval as i
            where
                i.port_pk = y.port_pk
                and i.status in ('out_of_service', 'offline', 'not_in_service')
                and i.starts_at < (y.day + 1)::timestamp at time zone y.time_zone
                and i.ends_at > y.day::timestamp at time zone y.time_zone
        ), 0) end as unavailable_minutes
    from days as y
),

limits as (
    select
        m.*,
        case
            when m.hours_schedule is null then 0
            else greatest(m.day_minutes - m.open_minutes, 0)
        end as closed_minutes
    from measured as m
),

-- One aggregate over every day of every port and every piece of use: no join,
-- so the work grows with the rows, not with their product per station.
every as (
    select
        source, station_id, port_id, day, sessions, energy_kwh, occupied_minutes,
        charging_minutes, charging_unknown, null::text as network, null::text as state,
        null::float8 as rated_kw, null::float8 as day_minutes, null::float8 as closed_minutes,
        null::float8 as unavailable_minutes
    from pieces
    union all
    select
        source, station_id, port_id, day, 0 as sessions, 0 as energy_kwh, 0 as occupied_minutes,
        0 as charging_minutes, false as charging_unknown, network, state, rated_kw, day_minutes,
        closed_minutes, unavailable_minutes
    from limits
),

summed as (
    select
        source,
        station_id,
        port_id,
        day,
        max(network) as network,
        max(state) as state,
        sum(sessions) as sessions,
        sum(energy_kwh) as energy_kwh,
        sum(occupied_minutes) as occupied_minutes,
        case when not bool_or(charging_unknown) then sum(charging_minutes) end as charging_minutes,
        max(day_minutes) as day_minutes,
        max(closed_minutes) as closed_minutes,
        max(unavailable_minutes) as unavailable_minutes,
        max(rated_kw) as rated_kw
    from every
    group by source, station_id, port_id, day
)

select
    source,
    station_id,
    port_id,
    network,
    state,
    day,
    sessions::integer as sessions,
    round(energy_kwh::numeric, 3)::float8 as energy_kwh,
    round(occupied_minutes::numeric, 3)::float8 as occupied_minutes,
    round(charging_minutes::numeric, 3)::float8 as charging_minutes,
    round((occupied_minutes - charging_minutes)::numeric, 3)::float8 as idle_minutes,
    round(greatest(day_minutes - closed_minutes - unavailable_minutes, 0)::numeric, 3)::float8
        as available_minutes,
    closed_minutes,
    round(unavailable_minutes::numeric, 3)::float8 as unavailable_minutes,
    rated_kw
from summed;

comment on view reporting.port_day is
    'One row per port and local day from its station''s first session to its last: '
    'sessions, energy, occupied, charging and idle minutes, and available minutes (the day '
    'less closed hours and status-feed outages where the IDs name a status source''s port). '
    'What chargewatch sessions sums into utilization.';
comment on column reporting.port_day.source is 'The session source.';
comment on column reporting.port_day.station_id is 'The station as the session source names it.';
comment on column reporting.port_day.port_id is
    'The port as the session source names it; empty when its sessions name none.';
comment on column reporting.port_day.network is 'The station''s network, if its sessions give it.';
comment on column reporting.port_day.state is 'The station''s state, if its sessions give it.';
comment on column reporting.port_day.day is 'The day, in the station''s local time.';
comment on column reporting.port_day.sessions is 'Sessions plugged in on this day.';
comment on column reporting.port_day.energy_kwh is 'Energy of the sessions plugged in on this day, kWh.';
comment on column reporting.port_day.occupied_minutes is
    'Minutes of the day a vehicle was plugged in (sessions split over the days they span).';
comment on column reporting.port_day.charging_minutes is
    'Minutes of the day energy flowed; null when a session that day does not tell.';
comment on column reporting.port_day.idle_minutes is
    'occupied_minutes - charging_minutes: plugged in, not charging.';
comment on column reporting.port_day.available_minutes is
    'The day''s minutes (1440; 1380 or 1500 when the clocks change) less closed_minutes and '
    'unavailable_minutes (at least 0).';
comment on column reporting.port_day.closed_minutes is
    'Minutes of the day outside the opening hours of the status source''s station, when known.';
comment on column reporting.port_day.unavailable_minutes is
    'Minutes of the day the status source saw the port out of service, offline or not in service.';
comment on column reporting.port_day.rated_kw is
    'The port''s rated power, kW: as its sessions give it, else as the status source''s port '
    'lists it; null when neither does (no capacity factor).';
