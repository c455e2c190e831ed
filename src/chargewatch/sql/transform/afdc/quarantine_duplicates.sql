-- Quarantine repeated AFDC IDs within one load: the record with the newest
-- Updated At (then the last line) is kept, the others are DUPLICATE_ID.
-- Grain: one row per record set aside.
with valid as (
    select r.line_number, btrim(r.id) as station_id, r.updated_at
    from raw.afdc_station as r
    where
        r.load_id = %(load_id)s
        and upper(btrim(r.fuel_type_code)) = 'ELEC'
        and not exists (
            select from core.quarantine as q
            where q.load_id = r.load_id and q.line_number = r.line_number
        )
),

repeated_ids as (
    select station_id from valid group by station_id having count(*) > 1
),

ranked as (
    select
        v.line_number,
        v.station_id,
        row_number() over newest as newest_first,
        first_value(v.line_number) over newest as kept_line_number
    from valid as v
    inner join repeated_ids using (station_id)
    window newest as (
        partition by v.station_id
        order by nullif(btrim(v.updated_at), '')::timestamptz desc nulls last, v.line_number desc
    )
)

insert into core.quarantine (load_id, line_number, column_name, value, reason_code, detail)
select %(load_id)s, line_number, 'ID', station_id, 'DUPLICATE_ID', format('line %%s is loaded', kept_line_number)
from ranked
where newest_first > 1
