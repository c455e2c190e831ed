-- Normalising raw values into AFDC's own spelling before they are typed, for
-- files that passed through Excel, pandas or another tool on their way here.
-- Each core.normal_* returns the value unchanged when it cannot read it (the
-- value checks then quarantine it as it was written); the core.*_shape tests
-- say which values a rule applies to, and are what a load counts.

-- Words tools write for "no value": pandas' nan and None, SQL's NULL.
create or replace function core.is_null_token(value text)
returns boolean
language sql immutable parallel safe
as $$
    select length(value) between 3 and 4 and lower(value) in ('nan', 'none', 'null')
$$;

-- "2.0", "12.000": a whole number written as a float.
create or replace function core.is_integral_float(value text)
returns boolean
language sql immutable parallel safe
as $$
    select value like '%.%' and value ~ '^\s*-?[0-9]+\.0*\s*$'
$$;

create or replace function core.normal_integral_float(value text)
returns text
language sql immutable parallel safe
as $$
    select case when core.is_integral_float(value) then btrim(split_part(value, '.', 1)) else value end
$$;

-- A US ZIP code that lost its leading zeros to a spreadsheet ("2134" for 02134).
create or replace function core.is_short_zip(value text)
returns boolean
language sql immutable parallel safe
as $$
    select length(value) between 3 and 4 and value ~ '^[0-9]+$'
$$;

-- "True", "FALSE": booleans as Python and spreadsheets write them.
create or replace function core.is_capitalised_boolean(value text)
returns boolean
language sql immutable parallel safe
as $$
    select value in ('True', 'TRUE', 'False', 'FALSE')
$$;

-- The parts of a date or date and time in any order of its first three numbers:
-- {a, b, c, hour, minute, second, am/pm, zone}. Separators / . -; a time after a
-- space or T, with or without seconds, fraction, AM/PM and a zone (UTC, Z, +00).
create or replace function core.date_parts(value text)
returns text[]
language sql immutable parallel safe
as $$
    select regexp_match(
        value,
        '^\s*([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})'
        '(?:[ T]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?)?'
        '\s*([AaPp][Mm])?\s*(UTC|GMT|Z|[+-][0-9]{2}(?::?[0-9]{2})?)?\s*$'
    )
$$;

-- Whether a value of a date or timestamp column is not in AFDC's own shape
-- ("2024-05-14", "2024-05-14 21:31:02 UTC") but is a date core.normal_* reads.
create or replace function core.is_other_date_shape(value text, canonical text)
returns boolean
language sql immutable parallel safe
as $$
    select value <> '' and value not like canonical and core.date_parts(value) is not null
$$;

-- Year, month and day from date parts, given whether the first two numbers are
-- day then month; a four-digit first number is always a year. Two-digit years
-- are 2000-2069 or 1970-1999. Null when that is no calendar date.
create or replace function core.ymd(parts text[], day_first boolean)
returns integer[]
language sql immutable parallel safe
as $$
    select case
        when y between 1 and 9999 and m between 1 and 12
            and d between 1 and extract(day from make_date(y, m, 1) + interval '1 month - 1 day')
            then array[y, m, d]
    end
    from (
        select
            case when length(parts[1]) = 4 then parts[1]::integer
                when length(parts[3]) = 2 and parts[3]::integer < 70 then 2000 + parts[3]::integer
                when length(parts[3]) = 2 then 1900 + parts[3]::integer
                else parts[3]::integer end as y,
            case when length(parts[1]) = 4 then parts[2]::integer
                when day_first then parts[2]::integer else parts[1]::integer end as m,
            case when length(parts[1]) = 4 then parts[3]::integer
                when day_first then parts[1]::integer else parts[2]::integer end as d
    ) as read
$$;

create or replace function core.normal_date(value text, day_first boolean)
returns text
language sql immutable parallel safe
as $$
    select coalesce(
        (select to_char(make_date(ymd[1], ymd[2], ymd[3]), 'YYYY-MM-DD')
         from (select core.ymd(core.date_parts(value), day_first) as ymd) as d
         where ymd is not null),
        value
    )
$$;

-- A time with no zone is UTC, as AFDC's Updated At is.
create or replace function core.normal_timestamp(value text, day_first boolean)
returns text
language sql stable parallel safe
as $$
    select coalesce(
        (select to_char(
            (format('%s-%s-%s %s:%s:%s', ymd[1], ymd[2], ymd[3], hour, coalesce(p[5], '0'),
                coalesce(p[6], '0')) || coalesce(
                case when p[8] in ('UTC', 'GMT', 'Z') then '+00' else p[8] end, '+00')
            )::timestamptz at time zone 'UTC',
            'YYYY-MM-DD HH24:MI:SS') || ' UTC'
         from (
            select p, core.ymd(p, day_first) as ymd,
                case
                    when p[7] is null then coalesce(p[4], '0')::integer
                    when lower(p[7]) = 'am' then coalesce(p[4], '0')::integer % 12
                    else coalesce(p[4], '0')::integer % 12 + 12
                end as hour
            from (select core.date_parts(value) as p) as parts
         ) as d
         where ymd is not null and hour < 24 and coalesce(p[5], '0')::integer < 60
            and coalesce(p[6], '0')::integer < 60),
        value
    )
$$;
