-- The current stations of the load's source the load's file does not speak for:
-- absent from it and, for a source whose files list whole states, in a state
-- the file does not cover (%(covered)s, '' for no state); for a source whose
-- files are searches (%(whole_states)s false), absent unless the file lists
-- the station as out of scope (removed); or listed in a record the load
-- quarantined (the file lists the station, but what it says could not be
-- read). The other absent stations are removed (close_versions.sql).
-- Grain: one row per station. {columns}: core.station's columns, by name.
insert into {next} ({columns}, is_valid)
select {columns}, true
from {current} as c
where
    not exists (select from {next} as n where n.source_station_id = c.source_station_id)
    and (
        (%(whole_states)s and not coalesce(c.state, '') = any(%(covered)s::text[]))
        or (
            not %(whole_states)s
            and not exists (
                select from {record} as r
                where
                    r.load_id = %(load_id)s
                    and not r.in_scope
                    and r.station_id = c.source_station_id
            )
        )
        or exists (
            select from {record} as r
            where
                r.load_id = %(load_id)s
                and r.quarantined
                and r.station_id = c.source_station_id
        )
    )
