-- Quarantine the ELEC records of one load whose values cannot be right.
-- Grain: one row per (line, column) problem; a record may have several.
-- Low-cardinality columns (port counts, dates) are checked once per distinct
-- value, found in one scan; records are looked up again only for bad values.
-- ID and coordinates are checked per record, in full only for suspect records.
with distinct_values as materialized (
    select
        case
            when grouping(ev_level1_evse_num) = 0 then 'EV Level1 EVSE Num'
            when grouping(ev_level2_evse_num) = 0 then 'EV Level2 EVSE Num'
            when grouping(ev_dc_fast_count) = 0 then 'EV DC Fast Count'
            when grouping(expected_date) = 0 then 'Expected Date'
            when grouping(open_date) = 0 then 'Open Date'
            when grouping(date_last_confirmed) = 0 then 'Date Last Confirmed'
            else 'Updated At'
        end as column_name,
        coalesce(
            ev_level1_evse_num, ev_level2_evse_num, ev_dc_fast_count,
            expected_date, open_date, date_last_confirmed, updated_at
        ) as value
    from raw.afdc_station
    where load_id = %(load_id)s and core.is_afdc_elec(fuel_type_code)
    group by grouping sets (
        (ev_level1_evse_num), (ev_level2_evse_num), (ev_dc_fast_count),
        (expected_date), (open_date), (date_last_confirmed), (updated_at)
    )
),

bad_values as materialized (
    select column_name, value, reason_code
    from (
        select
            column_name,
            value,
            case
                when column_name like 'EV %%' then core.port_count_problem(value)
                when column_name = 'Updated At' then core.timestamp_problem(value)
                else core.date_problem(value)
            end as reason_code
        from distinct_values
        where value is not null
    ) as checked
    where reason_code is not null
),

-- Records whose ID or coordinates may be wrong: one cheap test accepts the usual
-- "47.6,-122.3" shape and range; only the rest get the detailed checks.
suspects as (
    select r.load_id, r.line_number, r.id, r.latitude, r.longitude
    from raw.afdc_station as r
    where
        r.load_id = %(load_id)s
        and core.is_afdc_elec(r.fuel_type_code)
        and not (
            coalesce(btrim(r.id), '') <> ''
            and case
                when r.latitude || ',' || r.longitude ~ '^-?[0-9]{1,2}(\.[0-9]+)?,-?[0-9]{1,3}(\.[0-9]+)?$'
                    then abs(r.latitude::float8) <= 90 and abs(r.longitude::float8) <= 180
                else false
            end
        )
),

per_record as (
    select s.load_id, s.line_number, checked.column_name, checked.value, checked.reason_code
    from suspects as s
    cross join lateral (
        values
            ('ID', s.id, case when nullif(btrim(s.id), '') is null then 'MISSING_ID' end),
            ('Latitude', s.latitude, core.coordinate_problem(s.latitude, 90, 'LAT_OUT_OF_RANGE')),
            ('Longitude', s.longitude, core.coordinate_problem(s.longitude, 180, 'LON_OUT_OF_RANGE'))
    ) as checked (column_name, value, reason_code)
    where checked.reason_code is not null
),

per_value as (
    select r.load_id, r.line_number, b.column_name, b.value, b.reason_code
    from raw.afdc_station as r
    cross join lateral (
        values
            ('EV Level1 EVSE Num', r.ev_level1_evse_num),
            ('EV Level2 EVSE Num', r.ev_level2_evse_num),
            ('EV DC Fast Count', r.ev_dc_fast_count),
            ('Expected Date', r.expected_date),
            ('Open Date', r.open_date),
            ('Date Last Confirmed', r.date_last_confirmed),
            ('Updated At', r.updated_at)
    ) as unpivoted (column_name, value)
    inner join bad_values as b using (column_name, value)
    where
        r.load_id = %(load_id)s
        and core.is_afdc_elec(r.fuel_type_code)
        and exists (select from bad_values)
)

insert into core.quarantine (load_id, line_number, column_name, value, reason_code)
select load_id, line_number, column_name, value, reason_code from per_record
union all
select load_id, line_number, column_name, value, reason_code from per_value
