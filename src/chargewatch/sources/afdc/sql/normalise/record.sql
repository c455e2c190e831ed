-- What the load rewrote, per column (by its header as written) and rule.
insert into core.load_normalisation (load_id, column_name, rule, value_count, detail)
select
    %(load_id)s,
    header,
    rule,
    sum(rows),
    case
        when rule in ('date_shape', 'timestamp_shape') then (%(notes)s::jsonb) ->> column_name
    end
from pg_temp.normal_value
where rule is not null
group by column_name, header, rule
