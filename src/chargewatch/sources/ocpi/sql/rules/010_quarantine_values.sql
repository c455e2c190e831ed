-- Quarantine the in-scope Locations of one OCPI load whose coordinates cannot
-- be right (not numbers, or out of range): they give no station, while their
-- EVSEs' statuses still count. Columns are named as OCPI names its fields.
-- Grain: one row per (line, field) problem; a Location may have two.
with checked as (
    select r.load_id, r.line_number, c.column_name, c.value, c.reason_code
    from raw.ocpi_location as r
    cross join lateral (
        values
            (
                'coordinates.latitude', r.latitude,
                core.coordinate_problem(r.latitude, 90, 'LAT_OUT_OF_RANGE')
            ),
            (
                'coordinates.longitude', r.longitude,
                core.coordinate_problem(r.longitude, 180, 'LON_OUT_OF_RANGE')
            )
    ) as c (column_name, value, reason_code)
    where r.load_id = %(load_id)s and r.in_scope and c.reason_code is not null
)

insert into core.quarantine (load_id, line_number, column_name, value, reason_code)
select load_id, line_number, column_name, value, reason_code
from checked
