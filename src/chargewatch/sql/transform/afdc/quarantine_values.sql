-- Quarantine the ELEC records of one load whose values cannot be right.
-- Grain: one row per (line, column) problem; a record may have several.
insert into core.quarantine (load_id, line_number, column_name, value, reason_code)
select
    r.load_id,
    r.line_number,
    checked.column_name,
    checked.value,
    checked.reason_code
from raw.afdc_station as r
cross join lateral (
    values
        ('ID', r.id, case when nullif(btrim(r.id), '') is null then 'MISSING_ID' end),
        ('Latitude', r.latitude, core.coordinate_problem(r.latitude, 90, 'LAT_OUT_OF_RANGE')),
        ('Longitude', r.longitude, core.coordinate_problem(r.longitude, 180, 'LON_OUT_OF_RANGE')),
        ('EV Level1 EVSE Num', r.ev_level1_evse_num, core.port_count_problem(r.ev_level1_evse_num)),
        ('EV Level2 EVSE Num', r.ev_level2_evse_num, core.port_count_problem(r.ev_level2_evse_num)),
        ('EV DC Fast Count', r.ev_dc_fast_count, core.port_count_problem(r.ev_dc_fast_count)),
        ('Expected Date', r.expected_date, core.date_problem(r.expected_date)),
        ('Open Date', r.open_date, core.date_problem(r.open_date)),
        ('Date Last Confirmed', r.date_last_confirmed, core.date_problem(r.date_last_confirmed)),
        ('Updated At', r.updated_at, core.timestamp_problem(r.updated_at))
) as checked (column_name, value, reason_code)
where
    r.load_id = %(load_id)s
    and upper(btrim(r.fuel_type_code)) = 'ELEC'
    and checked.reason_code is not null
