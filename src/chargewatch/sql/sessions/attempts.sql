-- Charge attempts (reporting.charge_attempt) summed overall and per value of
-- {group}: an attempt succeeded when its transaction delivered more than
-- %(min_kwh)s kWh and stopped normally. A visit is one driver's attempts at one
-- charger, each starting within %(visit_minutes)s minutes of the end of the one
-- before. An attempt with no driver token (refused before any) is the driver's
-- of the next attempt on its port when that follows within the same minutes,
-- else goes with the port's other such attempts. A visit's first attempt
-- succeeding is a first-attempt success.
-- Grain: one row overall (is_total) and one per {group} value.
with judged as (
    select
        a.*,
        coalesce(a.energy_kwh > %(min_kwh)s and a.stopped_normally, false) as succeeded,
        lead(a.driver_hash) over w as next_driver,
        lead(a.started_at) over w as next_started_at
    from reporting.charge_attempt as a
    window w as (partition by a.station_id, a.port order by a.started_at)
),

keyed as (
    select
        j.*,
        coalesce(
            j.driver_hash,
            case
                when j.next_started_at <= j.ended_at + make_interval(mins => %(visit_minutes)s)
                    then j.next_driver
            end,
            'port ' || j.port
        ) as driver_key
    from judged as j
),

ordered as (
    select
        j.*,
        coalesce(
            j.started_at > lag(j.ended_at) over w + make_interval(mins => %(visit_minutes)s),
            true
        ) as opens_visit
    from keyed as j
    window w as (partition by j.station_id, j.driver_key order by j.started_at)
)

select
    grouping({group}) = 1 as is_total,
    ({group})::text as group_value,
    count(*) as attempts,
    count(*) filter (where succeeded) as successful,
    count(*) filter (where opens_visit) as visits,
    count(*) filter (where opens_visit and succeeded) as first_attempt_successful
from ordered
group by grouping sets ((), ({group}))
order by is_total desc, attempts desc, group_value
