-- Input of the shared month build (sql/engines/shared): the month's bounds,
-- the feed's max gap and offline_after (null: from each charger's heartbeat),
-- in microseconds since 1970 UTC. Grain: one row.
create temporary table cw_month on commit drop as
select
    %(start)s::bigint as month_start,
    %(end)s::bigint as month_end,
    %(max_gap)s::bigint as max_gap,
    %(offline_after)s::bigint as offline_after
