-- reporting.port_uptime_month: each port's uptime in each calendar month (UTC)
-- it was observed in, by 23 CFR 680.116(b) (SPEC §4b), from its status
-- intervals. Unobserved time counts as up in uptime_nevi, as the rule's
-- formula does; uptime_observed counts only observed time. An outage is a run
-- of out_of_service or offline time with no gap, counted in the month it
-- started. Excluded minutes are outage
-- minutes an exclusion covers (core.port_exclusion).
-- Grain: one row per (source, port_key, month).
create view reporting.port_uptime_month as
with intervals as (
    select
        i.port_pk,
        i.month,
        i.status,
        extract(epoch from i.ends_at - i.starts_at) / 60 as minutes,
        i.status in ('out_of_service', 'offline') as is_outage,
        case
            when i.status in ('out_of_service', 'offline') and x.excluded is not null
                then core.covered_minutes(i.starts_at, i.ends_at, x.excluded)
            else 0
        end as excluded_minutes,
        coalesce(
            lag(i.ends_at) over w = i.starts_at
            and lag(i.status) over w in ('out_of_service', 'offline'),
            false
        ) as continues_outage
    from core.port_status_interval as i
    left join core.port_exclusion as x on x.port_pk = i.port_pk
    window w as (partition by i.port_pk order by i.starts_at)
),

sums as (
    select
        port_pk,
        month,
        ((month + interval '1 month')::date - month) * 1440
        - coalesce(sum(minutes) filter (where status = 'not_in_service'), 0) as period_minutes,
        coalesce(sum(minutes) filter (where status <> 'not_in_service'), 0) as observed_minutes,
        coalesce(sum(minutes) filter (where is_outage), 0) as outage_minutes,
        sum(excluded_minutes) as excluded_minutes,
        count(*) filter (where is_outage and not continues_outage) as outage_count
    from intervals
    group by port_pk, month
),

twelve as (
    select
        s.*,
        sum(s.period_minutes) over w as period_minutes_12m,
        sum(s.outage_minutes) over w as outage_minutes_12m,
        sum(s.excluded_minutes) over w as excluded_minutes_12m
    from sums as s
    window w as (
        partition by s.port_pk order by s.month
        range between interval '11 months' preceding and current row
    )
)

select
    p.source,
    p.station_id,
    p.port_id,
    p.port_key,
    p.latitude,
    p.longitude,
    p.network,
    p.state,
    to_char(s.month, 'YYYY-MM') as month,
    s.period_minutes,
    s.observed_minutes,
    s.outage_minutes,
    s.excluded_minutes,
    case
        when s.period_minutes > 0
            then (s.period_minutes - (s.outage_minutes - s.excluded_minutes)) / s.period_minutes
    end as uptime_nevi,
    case
        when s.observed_minutes > 0
            then 1 - (s.outage_minutes - s.excluded_minutes) / s.observed_minutes
    end as uptime_observed,
    s.observed_minutes / nullif(s.period_minutes, 0) as observed_share,
    s.outage_count,
    (s.period_minutes_12m - (s.outage_minutes_12m - s.excluded_minutes_12m))
    / nullif(s.period_minutes_12m, 0) as uptime_nevi_12m
from twelve as s
inner join core.port as p on p.port_pk = s.port_pk;

comment on view reporting.port_uptime_month is
    'One row per port and calendar month (UTC) in which a status feed observed it: minutes '
    'in the month, observed, in outage and excluded, and uptime by 23 CFR 680.116(b). '
    'A polled status holds until the feed''s next poll, at most its max gap (15 minutes '
    'unless ingest --max-gap set it); an event holds until the port''s next; time beyond is '
    'unobserved.';
comment on column reporting.port_uptime_month.source is
    'The status feed: a source''s name, such as esb (ESB ecars, Ireland).';
comment on column reporting.port_uptime_month.station_id is
    'The station (charge point) ID as the feed writes it.';
comment on column reporting.port_uptime_month.port_id is
    'The port''s ID within its station as the feed writes it (for ESB, the connector type).';
comment on column reporting.port_uptime_month.port_key is
    'The feed''s full identity of the port, where the two IDs are not enough (ESB: charge '
    'point ID, connector type and coordinates, joined by |).';
comment on column reporting.port_uptime_month.latitude is
    'Latitude of the port as the feed gives it (WGS84 degrees); null when not given.';
comment on column reporting.port_uptime_month.longitude is
    'Longitude of the port as the feed gives it (WGS84 degrees); null when not given.';
comment on column reporting.port_uptime_month.network is
    'The network or operator running the port, as its feed names it; null where it does not say.';
comment on column reporting.port_uptime_month.state is
    'The state or region of the port, as its feed gives it; null where it does not say.';
comment on column reporting.port_uptime_month.month is
    'The calendar month, YYYY-MM, in UTC.';
comment on column reporting.port_uptime_month.period_minutes is
    'Minutes in the month less minutes the feed marked the port not in service (planned or '
    'removed): the denominator of uptime_nevi.';
comment on column reporting.port_uptime_month.observed_minutes is
    'Minutes of the month for which the feed gave the port a status (not in service '
    'excepted). The rest of the period is unobserved.';
comment on column reporting.port_uptime_month.outage_minutes is
    'Observed minutes the port was out of service or offline (T_outage).';
comment on column reporting.port_uptime_month.excluded_minutes is
    'Outage minutes an exclusion covers (T_excluded; chargewatch exclusions import): a '
    'utility interruption, vehicle fault, scheduled maintenance, vandalism, natural disaster '
    'or the operator''s own reason. Overlapping exclusions count once.';
comment on column reporting.port_uptime_month.uptime_nevi is
    'Uptime by 23 CFR 680.116(b): (period_minutes - (outage_minutes - excluded_minutes)) / '
    'period_minutes, a share from 0 to 1. Unobserved time counts as up; read it with '
    'observed_share.';
comment on column reporting.port_uptime_month.uptime_observed is
    'Uptime over observed time only: 1 - (outage_minutes - excluded_minutes) / '
    'observed_minutes; null when nothing was observed.';
comment on column reporting.port_uptime_month.observed_share is
    'observed_minutes / period_minutes: how much of the month the uptime rests on.';
comment on column reporting.port_uptime_month.uptime_nevi_12m is
    'NEVI uptime over the twelve months ending with this one, as the rule calculates it '
    'monthly: the minutes of the months in them that the feed observed the port in summed, '
    'then (period - (outage - excluded)) / period. Months with no observation of the port '
    'are left out.';
comment on column reporting.port_uptime_month.outage_count is
    'Outages that started in the month: runs of out-of-service or offline time with no gap '
    'in them (one that began the month before counts there only, as in '
    'reporting.port_outage).';
