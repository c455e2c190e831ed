-- core.port_exclusion: the exclusions that apply to each port, as one
-- multirange of time per port (overlapping exclusions count once), with their
-- reasons.
-- Grain: one row per port with an exclusion.
drop view if exists core.port_exclusion cascade;

create view core.port_exclusion as
select
    p.port_pk,
    range_agg(tstzrange(x.starts_at, x.ends_at)) as excluded,
    array_agg(distinct x.reason_text order by x.reason_text) as reasons
from core.exclusion as x
inner join core.port as p
    on
        p.station_id = x.station_id
        and (x.port_id is null or p.port_id = x.port_id)
        and (x.source is null or p.source = x.source)
group by p.port_pk;

-- Minutes of an interval a multirange of excluded time covers.
create or replace function core.covered_minutes(
    starts_at timestamptz, ends_at timestamptz, excluded tstzmultirange
)
returns numeric
language sql immutable parallel safe
as $$
    select coalesce(sum(extract(epoch from upper(r) - lower(r)) / 60), 0)
    from unnest(excluded * tstzmultirange(tstzrange(starts_at, ends_at))) as r
$$;
