-- core.feed_outage_episode: feed outages (core.feed_outage) that follow one
-- another, each beginning within 30 minutes of the end of those before it (when
-- half their ports were back), taken as one event: a back end failing again and again for an afternoon is one
-- anomaly, not dozens. ended_at is the latest of its moments' ended_at (half
-- their ports back).
-- Grain: one row per (source, started_at).
drop view if exists core.feed_outage_episode cascade;

create view core.feed_outage_episode as
with marked as (
    select
        f.*,
        coalesce(
            f.started_at > max(f.ended_at) over (
                partition by f.source order by f.started_at
                rows between unbounded preceding and 1 preceding
            ) + interval '30 minutes',
            true
        ) as is_new
    from core.feed_outage as f
),

numbered as (
    select
        m.*,
        count(*) filter (where m.is_new) over (partition by m.source order by m.started_at)
            as episode
    from marked as m
)

select
    source,
    min(started_at) as started_at,
    max(ended_at) as ended_at,
    max(started_at) as last_started_at,
    bool_or(is_open) as is_open,
    count(*) as moments,
    min(port_count) as fewest_ports,
    max(port_count) as port_count,
    max(station_count) as station_count,
    max(watched_count) as watched_count
from numbered
group by source, episode;
