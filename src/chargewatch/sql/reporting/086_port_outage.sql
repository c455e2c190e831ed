-- reporting.port_outage: each outage of a port seen by a status feed
-- (core.port_fault: a run of out_of_service or offline time with no unobserved
-- gap and no other status in it). It is open while nothing has been observed
-- of the port since it ended (the feed's last word on the port is this outage).
-- Excluded minutes are those an exclusion covers (core.port_exclusion).
-- Grain: one row per (source, port_key, started_at).
create view reporting.port_outage as
select
    p.source,
    p.station_id,
    p.port_id,
    p.port_key,
    o.started_at,
    case when not o.is_open then o.ended_at end as ended_at,
    o.is_open,
    o.minutes,
    o.status,
    e.source is not null as is_feed_outage,
    coalesce(core.covered_minutes(o.started_at, o.ended_at, x.excluded), 0) as excluded_minutes,
    (
        select string_agg(distinct e.reason_text, '; ' order by e.reason_text)
        from core.exclusion as e
        where
            e.station_id = p.station_id
            and (e.port_id is null or e.port_id = p.port_id)
            and (e.source is null or e.source = p.source)
            and e.starts_at < o.ended_at
            and e.ends_at > o.started_at
    ) as exclusion_reason
from core.port_fault as o
inner join core.port as p on p.port_pk = o.port_pk
left join core.port_exclusion as x on x.port_pk = o.port_pk
left join core.feed_outage as e
    on o.is_seen_start and e.source = p.source and e.started_at = date_trunc('minute', o.started_at);

comment on view reporting.port_outage is
    'One row per outage of a port a status feed observed: a run of out-of-service or '
    'offline time with no unobserved gap in it. An outage the feed has said nothing after '
    'is open.';
comment on column reporting.port_outage.source is
    'The status feed: a source''s name, such as esb (ESB ecars, Ireland).';
comment on column reporting.port_outage.station_id is
    'The station (charge point) ID as the feed writes it.';
comment on column reporting.port_outage.port_id is
    'The port''s ID within its station as the feed writes it (for ESB, the connector type).';
comment on column reporting.port_outage.port_key is
    'The feed''s full identity of the port, where the two IDs are not enough (ESB: charge '
    'point ID, connector type and coordinates, joined by |).';
comment on column reporting.port_outage.started_at is
    'When the outage began: the first poll or event that observed the port out of service '
    'or offline.';
comment on column reporting.port_outage.ended_at is
    'When the outage ended: the end of its last observed minute (the next poll, or the '
    'gap limit). Null while open.';
comment on column reporting.port_outage.is_open is
    'True when nothing has been observed of the port since the outage: the feed''s latest '
    'word on it is this outage.';
comment on column reporting.port_outage.minutes is
    'Observed minutes of the outage (an open one: so far).';
comment on column reporting.port_outage.status is
    'How it began: out_of_service (the port reports a fault) or offline (the port does not '
    'answer the network).';
comment on column reporting.port_outage.is_feed_outage is
    'True when the outage began with a feed (back-end) outage: 10 or more of the source''s '
    'ports went down in the same minute (reporting.feed_outage). It counts in uptime, as the '
    'rule says, but it is not the charger''s own fault.';
comment on column reporting.port_outage.excluded_minutes is
    'Minutes of the outage an exclusion covers (23 CFR 680.116(b); chargewatch exclusions '
    'import). Overlapping exclusions count once.';
comment on column reporting.port_outage.exclusion_reason is
    'The reasons of the exclusions that overlap the outage, joined by "; "; null when none '
    'does.';
