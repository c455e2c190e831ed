-- End the current versions the load supersedes, on its snapshot date
-- (%(as_of)s): those whose followed attributes changed (the next partition
-- gave them a new valid_from) and those missing from the next partition
-- (keep_current_stations.sql kept every station of a state the file does not
-- cover). A version that would end the day it began (two snapshots of one
-- date) leaves no row. Grain: one row per ended version. {columns}: core.station's
-- columns by name ({c_columns}: the same, of c).
insert into core.station_version ({columns}, valid_to, ended_by)
select
    {c_columns},
    %(as_of)s::date as valid_to,
    case when n.source_station_id is null then 'removed' else 'changed' end as ended_by
from {current} as c
left join {next} as n on n.source_station_id = c.source_station_id
where
    c.valid_from < %(as_of)s::date
    and (n.source_station_id is null or n.valid_from <> c.valid_from)
