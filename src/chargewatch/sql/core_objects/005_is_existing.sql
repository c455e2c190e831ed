-- A station that exists: all but planned and removed ones. Every
-- KPI, staleness and duplicate count is over existing stations.
create or replace function core.is_existing(status text)
returns boolean
language sql immutable parallel safe
as $$
    select status not in ('planned', 'removed')
$$;
