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
    select octet_length(value) between 3 and 4 and lower(value) in ('nan', 'none', 'null')
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
    select octet_length(value) between 3 and 4 and value ~ '^[0-9]+$'
$$;

-- "True", "FALSE": booleans as Python and spreadsheets write them.
create or replace function core.is_capitalised_boolean(value text)
returns boolean
language sql immutable parallel safe
as $$
    select value in ('True', 'TRUE', 'False', 'FALSE')
$$;

-- Whether a value of a column of this kind may need a rule: a cheap superset of
-- the rules' shapes, run on every row of a load (a clean file stops at it). With
-- a constant kind, the planner folds this to the one test of that kind.
create or replace function core.is_suspect(value text, kind text)
returns boolean
language sql immutable parallel safe
as $$
    select case kind
        when 'text' then core.is_null_token(value)
        when 'integer' then octet_length(value) > 2
        when 'identifier' then value like '%.%' or core.is_null_token(value)
        when 'zip' then value like '%.%' or octet_length(value) between 3 and 4
        when 'boolean' then value in ('True', 'TRUE', 'False', 'FALSE') or core.is_null_token(value)
        when 'date' then value <> '' and value not like '____-__-__'
        when 'timestamp' then value <> '' and value not like '____-__-__ __:__:__ UTC'
    end
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
-- are 2000-2069 or 1970-1999. Null when that is no calendar date. The
-- normalisers are plpgsql: a load calls them once per distinct value, not per row.
create or replace function core.ymd(parts text[], day_first boolean)
returns integer[]
language plpgsql immutable parallel safe
as $$
declare
    y integer;
    m integer;
    d integer;
begin
    if parts is null then
        return null;
    elsif length(parts[1]) = 4 then
        y := parts[1]::integer; m := parts[2]::integer; d := parts[3]::integer;
    elsif length(parts[3]) not in (2, 4) then
        return null;
    else
        y := parts[3]::integer;
        if length(parts[3]) = 2 then
            y := y + case when y < 70 then 2000 else 1900 end;
        end if;
        m := case when day_first then parts[2] else parts[1] end::integer;
        d := case when day_first then parts[1] else parts[2] end::integer;
    end if;
    if y between 1 and 9999 and m between 1 and 12
        and d between 1 and extract(day from make_date(y, m, 1) + interval '1 month - 1 day') then
        return array[y, m, d];
    end if;
    return null;
end
$$;

create or replace function core.normal_date(value text, day_first boolean)
returns text
language plpgsql immutable parallel safe
as $$
declare
    ymd integer[] := core.ymd(core.date_parts(value), day_first);
begin
    if ymd is null then
        return value;
    end if;
    return to_char(make_date(ymd[1], ymd[2], ymd[3]), 'YYYY-MM-DD');
end
$$;

-- A time with no zone is UTC, as AFDC's Updated At is.
create or replace function core.normal_timestamp(value text, day_first boolean)
returns text
language plpgsql stable parallel safe
as $$
declare
    p text[] := core.date_parts(value);
    ymd integer[] := core.ymd(p, day_first);
    hour integer := coalesce(p[4], '0')::integer;
    zone text := case when p[8] in ('UTC', 'GMT', 'Z') or p[8] is null then '+00' else p[8] end;
begin
    if ymd is null or hour > 23 or coalesce(p[5], '0')::integer > 59
        or (zone ~ '^[+-]' and substr(zone, 2, 2)::integer > 14)
        or coalesce(p[6], '0')::integer > 59 or (p[7] is not null and hour not between 1 and 12) then
        return value;
    elsif lower(p[7]) = 'am' then
        hour := hour % 12;
    elsif lower(p[7]) = 'pm' then
        hour := hour % 12 + 12;
    end if;
    return to_char(
        format('%s-%s-%s %s:%s:%s%s', ymd[1], ymd[2], ymd[3], hour, coalesce(p[5], '0'),
            coalesce(p[6], '0'), zone)::timestamptz at time zone 'UTC',
        'YYYY-MM-DD HH24:MI:SS'
    ) || ' UTC';
end
$$;
