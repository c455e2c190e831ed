-- The rule each distinct suspect value of a load falls under, tried in order,
-- and its new spelling. pg_temp.normal_value holds the values (see
-- chargewatch.sources.afdc.normalise); %(day_first)s lists the columns whose dates
-- are read day-first. A value no rule reads keeps rule null and is left as it
-- is: the value checks then quarantine it as written.
-- Grain: one row per (column, distinct value).
update pg_temp.normal_value
set rule = case
    when core.is_null_token(old) then 'null_token'
    when kind in ('integer', 'identifier', 'zip') and core.is_integral_float(old)
        then 'integral_float'
    when kind = 'zip' and core.is_short_zip(old) then 'short_zip'
    when kind = 'boolean' and core.is_capitalised_boolean(old) then 'boolean_case'
    when kind = 'date' and core.is_other_date_shape(old, '____-__-__') then 'date_shape'
    when kind = 'timestamp' and core.is_other_date_shape(old, '____-__-__ __:__:__ UTC')
        then 'timestamp_shape'
end
