-- Key the names of current stations not keyed yet (core.station_name_key):
-- of one source, or of every source when no source is given. A name another
-- load keyed meanwhile is left as it is. Names are inserted in order, so that
-- two loads of different sources never each wait on a name the other added.
insert into core.station_name_key (station_name, name_key, name_core)
select
    n.station_name,
    k.name_key,
    core.name_core(k.name_key) as name_core
from (
    select distinct s.name as station_name
    from core.station as s
    where s.name is not null and (%(source)s::text is null or s.source = %(source)s)
) as n
cross join lateral (select coalesce(core.text_key(n.station_name), '') as name_key) as k
where not exists (
    select from core.station_name_key as x
    where x.station_name = n.station_name
)
order by n.station_name
on conflict (station_name) do nothing
