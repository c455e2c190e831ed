-- Value checks used by the quarantine transforms. Each returns a reason code
-- (see core.reason_code) or null when the value is acceptable; empty is acceptable.

create or replace function core.is_iso_date(value text)
returns boolean
language sql immutable parallel safe
as $$
    select case
        when value !~ '^\d{4}-\d{2}-\d{2}$' then false
        when substr(value, 1, 4)::int < 1 or substr(value, 6, 2)::int not between 1 and 12 then false
        else substr(value, 9, 2)::int between 1 and extract(
            day from make_date(substr(value, 1, 4)::int, substr(value, 6, 2)::int, 1)
                + interval '1 month - 1 day'
        )::int
    end
$$;

create or replace function core.coordinate_problem(value text, bound double precision, out_of_range text)
returns text
language sql immutable parallel safe
as $$
    select case
        when nullif(btrim(value), '') is null then null
        when btrim(value) !~ '^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$' then 'NOT_A_NUMBER'
        when abs(btrim(value)::double precision) > bound then out_of_range
    end
$$;

create or replace function core.port_count_problem(value text)
returns text
language sql immutable parallel safe
as $$
    select case
        when nullif(btrim(value), '') is null then null
        when btrim(value) !~ '^[+-]?\d{1,9}$' then 'NOT_AN_INTEGER'
        when btrim(value)::integer < 0 then 'NEGATIVE_PORT_COUNT'
    end
$$;

create or replace function core.date_problem(value text)
returns text
language sql immutable parallel safe
as $$
    select case
        when nullif(btrim(value), '') is null then null
        when not core.is_iso_date(btrim(value)) then 'BAD_DATE'
    end
$$;

create or replace function core.timestamp_problem(value text)
returns text
language sql immutable parallel safe
as $$
    select case
        when nullif(btrim(value), '') is null then null
        when btrim(value) !~ '^\d{4}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?\s*(UTC|Z|[+-]\d{2}(:?\d{2})?)?$'
            then 'BAD_TIMESTAMP'
        when not core.is_iso_date(substr(btrim(value), 1, 10)) then 'BAD_TIMESTAMP'
    end
$$;

-- Plain forms: a value is plain when PostgreSQL prints it back exactly as
-- written (dates as 2024-05-14, timestamps as "2024-05-14 21:31:02 UTC",
-- canonical numbers) and it is in range. A plain value passes the checks above,
-- so a load whose values are all plain (or empty) is typed by casting alone;
-- anything else sends the load through the checks above, value by value. A
-- value that does not cast at all raises, which does the same. Stable, not
-- immutable: casts of dates and times depend on the session's settings, and
-- only a stable function made of stable parts is inlined into the query.
create or replace function core.is_plain_integer(value text)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = '' or (value::integer >= 0 and value::integer::text = value)
$$;

create or replace function core.is_plain_coordinate(value text, bound double precision)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = ''
        or (abs(value::double precision) <= bound and value::double precision::text = value)
$$;

create or replace function core.is_plain_date(value text)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = '' or (length(value) = 10 and value::date::text = value)
$$;

create or replace function core.is_plain_timestamp(value text)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = '' or (
        right(value, 4) = ' UTC' and value::timestamptz::text = left(value, 19) || '+00'
    )
$$;
