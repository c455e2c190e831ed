-- core.inherit_column_comments(parent, child): give each column of child that
-- has no description the description of the same-named column of parent.
-- For views that pass another view's columns through (reporting.station shows
-- the current rows of reporting.station_history), so a column is described
-- once, where it is made; a comment on the child's own column, set after the
-- call, says what differs. Run by the reporting files after their views exist.
create or replace function core.inherit_column_comments(parent regclass, child regclass)
returns void
language plpgsql
as $$
declare
    inherited record;
begin
    for inherited in
        select c.attname as column_name, col_description(parent, p.attnum) as description
        from pg_catalog.pg_attribute as c
        inner join pg_catalog.pg_attribute as p
            on p.attrelid = parent and p.attname = c.attname and p.attnum > 0 and not p.attisdropped
        where
            c.attrelid = child
            and c.attnum > 0
            and not c.attisdropped
            and col_description(child, c.attnum) is null
            and col_description(parent, p.attnum) is not null
    loop
        execute format(
            'comment on column %s.%I is %L', child, inherited.column_name, inherited.description
        );
    end loop;
end
$$;
