-- core.minutes_of_duration(value): an H:MM:SS duration (3:03:32) as minutes,
-- or null when the text is not one.
create or replace function core.minutes_of_duration(value text)
returns double precision
language sql immutable parallel safe
as $$
    select case
        when value ~ '^\s*\d+:[0-5]\d:[0-5]\d\s*$' then
            split_part(btrim(value), ':', 1)::double precision * 60
            + split_part(btrim(value), ':', 2)::double precision
            + split_part(btrim(value), ':', 3)::double precision / 60
    end
$$;
