-- The new spelling of each classified value (see classify.sql); dates in the
-- order chosen for their column.
update pg_temp.normal_value
set new = case rule
    when 'null_token' then ''
    when 'integral_float' then case
        when kind = 'zip' and core.is_short_zip(core.normal_integral_float(old))
            then lpad(core.normal_integral_float(old), 5, '0')
        else core.normal_integral_float(old)
    end
    when 'short_zip' then lpad(old, 5, '0')
    when 'boolean_case' then lower(old)
    when 'date_shape' then core.normal_date(old, column_name = any(%(day_first)s))
    when 'timestamp_shape' then core.normal_timestamp(old, column_name = any(%(day_first)s))
end
where rule is not null
