-- reporting.feed_outage: network or back-end outages: moments when 10 or more
-- ports of one source were seen going down in the same minute
-- (core.feed_outage). Reported once each, and apart from the chargers' own
-- faults: their ports' outages count in no flapping, degradation or prediction.
-- Grain: one row per (source, started_at).
create view reporting.feed_outage as
select
    source,
    started_at,
    case when not is_open then ended_at end as ended_at,
    last_ended_at,
    is_open,
    port_count,
    station_count,
    offline_count,
    watched_count,
    port_count::float8 / nullif(watched_count, 0) as watched_share,
    extract(epoch from ended_at - started_at) / 60 as median_minutes
from core.feed_outage;

comment on view reporting.feed_outage is
    'One row per network or back-end outage (source, started_at): 10 or more ports of one '
    'source seen going out of service or offline in the same minute. One event, not as many '
    'charger faults.';
comment on column reporting.feed_outage.source is
    'The status feed: a source''s name, such as esb (ESB ecars, Ireland).';
comment on column reporting.feed_outage.started_at is
    'The minute (UTC) the ports went down.';
comment on column reporting.feed_outage.ended_at is
    'When half the ports were back: the median port''s outage end. Null while open.';
comment on column reporting.feed_outage.last_ended_at is
    'When the last of its ports'' outages ended (or, for one still open, was last observed).';
comment on column reporting.feed_outage.is_open is
    'True while more than half its ports have not been seen back: the feed''s latest word on '
    'them is this outage.';
comment on column reporting.feed_outage.port_count is 'Ports seen going down in that minute.';
comment on column reporting.feed_outage.station_count is 'Stations those ports belong to.';
comment on column reporting.feed_outage.offline_count is
    'Of those ports, how many went offline (not answering the network) rather than out of '
    'service.';
comment on column reporting.feed_outage.watched_count is
    'Ports of the source observed in that minute.';
comment on column reporting.feed_outage.watched_share is
    'port_count / watched_count: the share of the watched ports that went down.';
comment on column reporting.feed_outage.median_minutes is
    'Minutes until half the ports were back (ended_at - started_at; while open, so far).';
