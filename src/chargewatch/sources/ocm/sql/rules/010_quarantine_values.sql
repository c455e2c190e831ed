-- Quarantine the in-scope POIs of one Open Charge Map load whose values cannot
-- be right: no ID, coordinates that are not numbers or out of range, times
-- that are not times. Columns are named as OCM names its fields.
-- Grain: one row per (line, field) problem; a POI may have several.
with checked as (
    select r.load_id, r.line_number, c.column_name, c.value, c.reason_code
    from raw.ocm_poi as r
    cross join lateral (
        values
            ('ID', r.id, case when nullif(btrim(r.id), '') is null then 'MISSING_ID' end),
            (
                'AddressInfo.Latitude', r.latitude,
                core.coordinate_problem(r.latitude, 90, 'LAT_OUT_OF_RANGE')
            ),
            (
                'AddressInfo.Longitude', r.longitude,
                core.coordinate_problem(r.longitude, 180, 'LON_OUT_OF_RANGE')
            ),
            ('DatePlanned', r.date_planned, core.timestamp_problem(r.date_planned)),
            ('DateLastConfirmed', r.date_last_confirmed, core.timestamp_problem(r.date_last_confirmed)),
            ('DateLastVerified', r.date_last_verified, core.timestamp_problem(r.date_last_verified)),
            (
                'DateLastStatusUpdate', r.date_last_status_update,
                core.timestamp_problem(r.date_last_status_update)
            )
    ) as c (column_name, value, reason_code)
    where r.load_id = %(load_id)s and r.in_scope and c.reason_code is not null
)

insert into core.quarantine (load_id, line_number, column_name, value, reason_code)
select load_id, line_number, column_name, value, reason_code
from checked
