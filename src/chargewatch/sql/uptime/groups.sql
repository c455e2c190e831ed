-- One month's uptime by group of ports (reporting.port_uptime_month): each
-- group's minutes summed and its uptimes computed from the sums, worst first.
-- {keys} are the group's columns; %(below)s, when given, keeps the groups whose
-- uptime_nevi is below it.
-- Grain: one row per group.
select
    {keys},
    sum(u.period_minutes)::float8 as period_minutes,
    sum(u.observed_minutes)::float8 as observed_minutes,
    sum(u.outage_minutes)::float8 as outage_minutes,
    sum(u.excluded_minutes)::float8 as excluded_minutes,
    (
        (sum(u.period_minutes) - (sum(u.outage_minutes) - sum(u.excluded_minutes)))
        / nullif(sum(u.period_minutes), 0)
    )::float8 as uptime_nevi,
    (
        1 - (sum(u.outage_minutes) - sum(u.excluded_minutes)) / nullif(sum(u.observed_minutes), 0)
    )::float8 as uptime_observed,
    sum(u.outage_count)::integer as outage_count
from reporting.port_uptime_month as u
where u.month = %(month)s
group by {keys}
having
    %(below)s::float8 is null
    or (sum(u.period_minutes) - (sum(u.outage_minutes) - sum(u.excluded_minutes)))
    / nullif(sum(u.period_minutes), 0) < %(below)s::float8
order by uptime_nevi, {keys}
