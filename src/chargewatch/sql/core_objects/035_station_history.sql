-- core.station_history: every version of every station, type 2 by
-- snapshot date: ended versions from core.station_version and the current
-- ones from core.station (valid_to and ended_by null). A version is valid
-- from valid_from up to, not including, valid_to.
-- Grain: one row per (source, source_station_id, valid_from).
drop view if exists core.station_history cascade;

create view core.station_history as
select v.*
from core.station_version as v
union all
select s.*, null::date as valid_to, null::text as ended_by
from core.station as s;
