-- One month's ports at a glance (reporting.port_uptime_month): how many were
-- observed, how many met the NEVI bar (%(bar)s), how much of the month the
-- numbers rest on, and how many ports were observed for less than %(low)s of it.
-- Grain: one row.
select
    count(*)::integer as ports,
    count(*) filter (where u.uptime_nevi >= %(bar)s)::integer as at_bar,
    (count(*) filter (where u.uptime_nevi >= %(bar)s))::float8 / nullif(count(*), 0) as share_at_bar,
    (sum(u.observed_minutes) / nullif(sum(u.period_minutes), 0))::float8 as observed_share,
    count(*) filter (where u.observed_share < %(low)s)::integer as low_coverage,
    (
        (sum(u.period_minutes) - (sum(u.outage_minutes) - sum(u.excluded_minutes)))
        / nullif(sum(u.period_minutes), 0)
    )::float8 as uptime_nevi
from reporting.port_uptime_month as u
where u.month = %(month)s
