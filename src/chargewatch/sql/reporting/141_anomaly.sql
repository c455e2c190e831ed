-- reporting.anomaly: what looks wrong, from every detector: stuck status,
-- silent failure (available but unused while the station is busy), flapping,
-- degradation, feed (back-end) outages, impossible session energy and clocks in
-- the future. Each says why (reason_code, evidence), since when, and how far past
-- its detector's threshold (score: 1 is the threshold). Definitions: the
-- core.anomaly_* and core.feed_outage_episode views.
-- Grain: one row per (kind, source, port_key or station_id, session_id, started_at).
create view reporting.anomaly as
with found as (
    select
        kind, reason_code, port_pk, source, station_id, null::text as port_id,
        null::text as session_id, started_at, ended_at, is_open, score, evidence,
        null::bigint as port_count
    from core.anomaly_stuck_status
    union all
    select
        kind, reason_code, port_pk, source, station_id, null, null, started_at, ended_at,
        is_open, score, evidence, null
    from core.anomaly_silent_failure
    union all
    select
        kind, reason_code, port_pk, source, station_id, null, null, started_at, ended_at,
        is_open, score, evidence, null
    from core.anomaly_flapping
    union all
    select
        kind, reason_code, port_pk, source, station_id, null, null, started_at, ended_at,
        is_open, score, evidence, null
    from core.anomaly_degradation
    union all
    select
        'feed_outage', 'FEED_OUTAGE', null, source, null, null, null, started_at,
        case when not is_open then ended_at end, is_open, port_count / 10.0,
        case
            when moments = 1 then format(
                '%s ports at %s stations went down in the same minute (%s of %s watched); '
                'half were back after %s min',
                port_count, station_count,
                round(100.0 * port_count / nullif(watched_count, 0), 1) || '%', watched_count,
                round((extract(epoch from ended_at - started_at) / 60)::numeric)
            )
            else format(
                '%s ports (of %s watched) went down together %s times from %s to %s UTC',
                case
                    when fewest_ports = port_count then port_count::text
                    else fewest_ports || ' to ' || port_count
                end,
                watched_count, moments,
                to_char(started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
                to_char(last_started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI')
            )
        end,
        port_count
    from core.feed_outage_episode
    union all
    select
        kind, reason_code, port_pk, source, station_id, port_id, session_id, started_at,
        ended_at, is_open, score, evidence, null
    from core.anomaly_session_energy
    union all
    select
        kind, reason_code, null, source, station_id, null, null, started_at, ended_at,
        is_open, score, evidence, null
    from core.anomaly_future_clock
)

select
    f.kind,
    f.reason_code,
    f.source,
    f.station_id,
    coalesce(p.port_id, f.port_id) as port_id,
    p.port_key,
    f.session_id,
    f.started_at,
    f.ended_at,
    f.is_open,
    f.score::float8 as score,
    f.evidence,
    f.port_count,
    coalesce(p.latitude, st.latitude) as latitude,
    coalesce(p.longitude, st.longitude) as longitude
from found as f
left join core.port as p on p.port_pk = f.port_pk
left join lateral (
    select avg(o.latitude) as latitude, avg(o.longitude) as longitude
    from core.port as o
    where p.port_pk is null and o.source = f.source and o.station_id = f.station_id
) as st on true;

comment on view reporting.anomaly is
    'One row per anomaly found: a port stuck in one status, a silent failure, flapping, '
    'degradation, a feed (back-end) outage, a session with impossible energy, or times in '
    'the future. Each with its reason, start, evidence and score (1 = the threshold).';
comment on column reporting.anomaly.kind is
    'The detector: stuck_status, silent_failure, flapping, degradation, feed_outage, '
    'session_energy or future_clock.';
comment on column reporting.anomaly.reason_code is
    'What was found: STUCK_AVAILABLE, STUCK_IN_USE, STUCK_RESERVED, SILENT_FAILURE, '
    'FLAPPING, DEGRADATION, FEED_OUTAGE, IMPOSSIBLE_ENERGY, FUTURE_STATUS_TIME or '
    'FUTURE_SESSION_TIME.';
comment on column reporting.anomaly.source is
    'The source that holds the evidence: a status feed (such as esb) or a session source.';
comment on column reporting.anomaly.station_id is
    'The station as the source writes it; null for a feed outage or a whole file''s '
    'sessions.';
comment on column reporting.anomaly.port_id is
    'The port within its station; null when the anomaly is not of one port.';
comment on column reporting.anomaly.port_key is
    'The status feed''s full identity of the port; null when the anomaly is not of a port a '
    'status feed lists.';
comment on column reporting.anomaly.session_id is
    'The session, for IMPOSSIBLE_ENERGY; else null.';
comment on column reporting.anomaly.started_at is
    'Since when: the start of the stuck run, of the first quiet day, of the first outage of '
    'the flapping day, of the first degraded day, of the feed outage, of the session, or the '
    'first time in the future.';
comment on column reporting.anomaly.ended_at is
    'When it stopped; null while it goes on (is_open).';
comment on column reporting.anomaly.is_open is
    'True when it goes on: the feed''s latest word on the port (or source) is still this.';
comment on column reporting.anomaly.score is
    'How far past its detector''s threshold, as a ratio (1 = at the threshold; 3 = three '
    'times it). Comparable within a kind.';
comment on column reporting.anomaly.evidence is
    'What was seen, in words, with the numbers the detector compared.';
comment on column reporting.anomaly.port_count is
    'For a feed outage, the ports that went down together (the most at once, when it came '
    'back again and again within 30 minutes); else null.';
comment on column reporting.anomaly.latitude is
    'Where: the port''s (else the station''s mean) latitude, WGS84; null when unknown.';
comment on column reporting.anomaly.longitude is
    'Where: the port''s (else the station''s mean) longitude, WGS84; null when unknown.';
