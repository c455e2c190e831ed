-- The current afdc stations the load did not replace (absent from its file,
-- or newer than its record), added to the next partition.
-- Grain: one row per station.
insert into {next}
select c.*, true
from {current} as c
where not exists (select from {next} as n where n.source_station_id = c.source_station_id)
