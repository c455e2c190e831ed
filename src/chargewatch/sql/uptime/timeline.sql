-- The outages of one month at the %(stations)s stations with the most outage
-- minutes not excluded, clipped to the month (reporting.port_outage), for a
-- timeline per station; an open outage is drawn to the last time the feed saw
-- the port down (its minutes are one run, with no gap). Grain: one row per outage.
with bounds as (
    select
        to_date(%(month)s, 'YYYY-MM')::timestamp at time zone 'UTC' as starts,
        (to_date(%(month)s, 'YYYY-MM') + interval '1 month')::timestamp at time zone 'UTC' as ends
),

worst as (
    select u.source, u.station_id, sum(u.outage_minutes - u.excluded_minutes) as down
    from reporting.port_uptime_month as u
    where u.month = %(month)s
    group by u.source, u.station_id
    having sum(u.outage_minutes) > 0
    order by down desc, u.source, u.station_id
    limit %(stations)s
)

select
    o.source,
    o.station_id,
    o.port_id,
    greatest(o.started_at, b.starts) as starts_at,
    least(o.started_at + o.minutes * interval '1 minute', b.ends) as ends_at,
    o.status,
    o.is_open,
    w.down::float8 as station_minutes
from reporting.port_outage as o
inner join worst as w on w.source = o.source and w.station_id = o.station_id
cross join bounds as b
where o.started_at < b.ends and coalesce(o.ended_at, b.ends) > b.starts
order by w.down desc, o.source, o.station_id, o.port_id, o.started_at
