-- A refused file is recorded as a failed load even when it never reached the
-- lake (so it has no lake object, and an empty file no hash worth keeping).
-- Every loaded snapshot records the states it covers, its first one included:
-- a state's KPIs stand on the newest snapshot that covers it.
alter table core.load
    alter column lake_uri drop not null,
    alter column sha256 drop not null,
    alter column size_bytes drop not null;

update core.load as l
set covered_states = (
    select coalesce(array_agg(distinct coalesce(g.state, '') order by coalesce(g.state, '')), '{}')
    from core.station_group_history as g
    where g.source = l.source and g.as_of_date = l.as_of_date
)
where l.status = 'loaded' and l.covered_states is null;
