-- Quarantine repeated station IDs within one load: the record with the newest
-- Updated At (then the last line) is loaded, the others are DUPLICATE_ID.
-- Grain: one row per record set aside.
with repeated_ids as (
    select station_id
    from {staging}
    where load_id = %(load_id)s
    group by station_id
    having count(*) > 1
),

ranked as (
    select
        a.line_number,
        a.station_id,
        row_number() over newest as newest_first,
        first_value(a.line_number) over newest as kept_line_number
    from {staging} as a
    inner join repeated_ids using (station_id)
    where a.load_id = %(load_id)s
    window newest as (
        partition by a.station_id
        order by a.updated_at desc nulls last, a.line_number desc
    )
)

insert into core.quarantine (load_id, line_number, column_name, value, reason_code, detail)
select
    %(load_id)s, line_number, %(id_column)s, station_id, 'DUPLICATE_ID',
    format('line %%s is loaded', kept_line_number)
from ranked
where newest_first > 1
