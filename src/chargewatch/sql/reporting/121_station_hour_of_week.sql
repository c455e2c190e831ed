-- reporting.station_hour_of_week: how busy each station is at each hour of the
-- week, in its local time: the minutes its ports were occupied (plugged in) in
-- that hour of the week, over the hours of the week between its first session's
-- plug-in and its last session's plug-out, times its ports (the distinct port
-- IDs its sessions name, at least 1). A session is split over the hours it spans.
-- Where the status source its IDs name gives the station's opening hours, only
-- the open minutes of each hour count as available; port outages are not taken
-- out here (reporting.port_day takes them out by day).
-- Grain: one row per (source, station_id, iso_day_of_week, hour_of_day).
create view reporting.station_hour_of_week as
with local as (
    select
        s.source,
        s.station_id,
        s.port_id,
        s.status_source,
        s.plug_in_at at time zone coalesce(s.time_zone, 'UTC') as local_in,
        s.plug_out_at at time zone coalesce(s.time_zone, 'UTC') as local_out
    from reporting.session as s
    where s.station_id is not null
),

stations as (
    select
        source,
        station_id,
        max(status_source) as status_source,
        greatest(count(distinct port_id), 1) as ports,
        date_trunc('hour', min(local_in)) as first_hour,
        date_trunc('hour', max(local_out)) as last_hour
    from local
    group by source, station_id
),

occupied as (
    select
        l.source,
        l.station_id,
        extract(isodow from h.hour_start)::integer as iso_day_of_week,
        extract(hour from h.hour_start)::integer as hour_of_day,
        sum(
            extract(epoch from least(h.hour_start + interval '1 hour', l.local_out)
                - greatest(h.hour_start, l.local_in)) / 60
        ) as occupied_minutes
    from local as l
    cross join lateral generate_series(
        date_trunc('hour', l.local_in), l.local_out - interval '1 microsecond', interval '1 hour'
    ) as h (hour_start)
    group by l.source, l.station_id, 3, 4
),

available as (
    select
        st.source,
        st.station_id,
        st.ports,
        extract(isodow from h.hour_start)::integer as iso_day_of_week,
        extract(hour from h.hour_start)::integer as hour_of_day,
        count(*) as hours,
        st.status_source
    from stations as st
    cross join lateral generate_series(st.first_hour, st.last_hour, interval '1 hour') as h (hour_start)
    group by st.source, st.station_id, st.ports, 4, 5, st.status_source
),

open_hours as (
    select
        a.*,
        coalesce((
            select sum(upper(r) - lower(r))
            from unnest(x.hours_schedule * int4multirange(int4range(
                (a.iso_day_of_week - 1) * 1440 + a.hour_of_day * 60,
                (a.iso_day_of_week - 1) * 1440 + a.hour_of_day * 60 + 60
            ))) as r
        ), case when x.hours_schedule is null then 60 else 0 end) as open_minutes
    from available as a
    left join core.station as x
        on x.source = a.status_source and x.source_station_id = a.station_id and x.hours_known
)

select
    a.source,
    a.station_id,
    a.iso_day_of_week,
    a.hour_of_day,
    a.ports,
    a.hours,
    (a.hours * a.open_minutes * a.ports)::float8 as available_minutes,
    round(coalesce(o.occupied_minutes, 0)::numeric, 3)::float8 as occupied_minutes,
    round((coalesce(o.occupied_minutes, 0) / nullif(a.hours * a.open_minutes * a.ports, 0))::numeric, 4)::float8
        as occupied_utilization
from open_hours as a
left join occupied as o
    on o.source = a.source and o.station_id = a.station_id
    and o.iso_day_of_week = a.iso_day_of_week and o.hour_of_day = a.hour_of_day;

comment on view reporting.station_hour_of_week is
    'One row per station and hour of the week (local time): the share of its port-hours '
    'occupied by sessions over the weeks between its first and last session: its open '
    'minutes where its opening hours are known, else every minute (port outages are not '
    'taken out here).';
comment on column reporting.station_hour_of_week.source is 'The session source.';
comment on column reporting.station_hour_of_week.station_id is 'The station as the source names it.';
comment on column reporting.station_hour_of_week.iso_day_of_week is
    'ISO day of the week: 1 Monday to 7 Sunday, in the station''s local time.';
comment on column reporting.station_hour_of_week.hour_of_day is 'Hour of the day, 0 to 23, local.';
comment on column reporting.station_hour_of_week.ports is
    'The station''s ports: the distinct port IDs its sessions name (at least 1).';
comment on column reporting.station_hour_of_week.hours is
    'How many times this hour of the week falls between the station''s first plug-in and '
    'last plug-out.';
comment on column reporting.station_hour_of_week.available_minutes is
    'hours * ports * the open minutes of this hour (60 when the opening hours are not known).';
comment on column reporting.station_hour_of_week.occupied_minutes is
    'Minutes of its sessions (plug-in to plug-out) that fall in this hour of the week.';
comment on column reporting.station_hour_of_week.occupied_utilization is
    'occupied_minutes / available_minutes: the share of available port time occupied (null '
    'when the station is closed that hour).';
