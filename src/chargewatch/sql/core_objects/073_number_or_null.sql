-- core.number_or_null(value): a decimal number as a feed writes it (blanks
-- around allowed), else null: status feeds give coordinates as text, and a
-- port with an unreadable place keeps its status.
create or replace function core.number_or_null(value text)
returns double precision
language sql immutable parallel safe
as $$
    select case
        when value ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' then btrim(value)::double precision
    end
$$;
