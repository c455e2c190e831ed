-- reporting.feed_outage: network or back-end outages: 10 or more ports of one
-- source seen going down in the same minute, and any that follow within 30
-- minutes of the end of those before (core.feed_outage_episode): one event
-- each, apart from the chargers' own faults: their ports' outages count in no
-- flapping, degradation or prediction fault.
-- Grain: one row per (source, started_at).
create view reporting.feed_outage as
select
    source,
    started_at,
    case when not is_open then ended_at end as ended_at,
    last_started_at,
    is_open,
    moments,
    port_count,
    fewest_ports,
    station_count,
    watched_count,
    port_count::float8 / nullif(watched_count, 0) as watched_share,
    extract(epoch from ended_at - started_at) / 60 as minutes
from core.feed_outage_episode;

comment on view reporting.feed_outage is
    'One row per network or back-end outage (source, started_at): 10 or more ports of one '
    'source seen going out of service or offline in the same minute, with any such moments '
    'that follow within 30 minutes. One event, not as many charger faults.';
comment on column reporting.feed_outage.source is
    'The status feed: a source''s name, such as esb (ESB ecars, Ireland).';
comment on column reporting.feed_outage.started_at is
    'The minute (UTC) the first ports went down.';
comment on column reporting.feed_outage.ended_at is
    'When half the ports of its last moment were back (their median outage end). Null while '
    'open.';
comment on column reporting.feed_outage.last_started_at is
    'The minute of its last moment (the same as started_at when it happened once).';
comment on column reporting.feed_outage.is_open is
    'True while more than half the ports of one of its moments have not been seen back: the '
    'feed''s latest word on them is this outage.';
comment on column reporting.feed_outage.moments is
    'How many times 10 or more ports went down together in it (1 for a single failure).';
comment on column reporting.feed_outage.port_count is
    'The most ports that went down in one of its moments.';
comment on column reporting.feed_outage.fewest_ports is
    'The fewest ports that went down in one of its moments.';
comment on column reporting.feed_outage.station_count is
    'The most stations whose ports went down in one of its moments.';
comment on column reporting.feed_outage.watched_count is
    'Ports of the source observed when it began (the most over its moments).';
comment on column reporting.feed_outage.watched_share is
    'port_count / watched_count: the share of the watched ports that went down at once.';
comment on column reporting.feed_outage.minutes is
    'Minutes from its start until half the ports of its last moment were back (while open, '
    'so far).';
