-- Value checks. A value is valid when PostgreSQL reads it as its column's type,
-- in range, and (dates, timestamps) in the ISO shape AFDC writes; empty (no
-- characters at all) is valid, blanks are not a number or a date.
--
-- core.is_valid_*: the cheap test a clean load runs on every record, after the
-- cast itself succeeded (a cast that fails raises, which rolls the fast path
-- back). core.*_problem: the reason code (see core.reason_code) or null, for a
-- value that may not even cast; the quarantine transforms use these. Both are
-- built on the same tests, so either way the same values are accepted.
-- Stable, not immutable: casts of dates and times depend on session settings,
-- and only a stable function made of stable parts is inlined into a query.

-- One call of pg_input_is_valid per type: it caches the type it looked up
-- first at each call site, so one call site cannot serve several types.
create or replace function core.can_cast(value text, type_name text)
returns boolean
language plpgsql stable parallel safe
as $$
begin
    if current_setting('server_version_num')::integer >= 160000 then
        case type_name
            when 'integer' then return pg_input_is_valid(value, 'integer');
            when 'double precision' then return pg_input_is_valid(value, 'double precision');
            when 'date' then return pg_input_is_valid(value, 'date');
            when 'timestamptz' then return pg_input_is_valid(value, 'timestamptz');
            else raise exception 'core.can_cast does not know type %', type_name;
        end case;
    end if;
    return core.can_cast_by_trying(value, type_name);
end
$$;

-- PostgreSQL 14 and 15 have no pg_input_is_valid: try the cast and catch the
-- error, which costs a subtransaction per value.
create or replace function core.can_cast_by_trying(value text, type_name text)
returns boolean
language plpgsql stable parallel safe
as $$
begin
    execute format('select %L::%s', value, type_name);
    return true;
exception when others then
    return false;
end
$$;

create or replace function core.is_valid_port_count(value text)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = '' or value::integer >= 0
$$;

create or replace function core.in_range(value double precision, bound double precision)
returns boolean
language sql immutable parallel safe
as $$
    select abs(value) <= bound
$$;

create or replace function core.is_valid_coordinate(value text, bound double precision)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = '' or core.in_range(value::double precision, bound)
$$;

create or replace function core.is_valid_date(value text)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = '' or value like '____-__-__'
$$;

create or replace function core.is_valid_timestamp(value text)
returns boolean
language sql stable parallel safe
as $$
    select value is null or value = '' or value like '____-__-__ __:__%'
        or value like '____-__-__T__:__%'
$$;

-- The *_problem functions are plpgsql so that their steps run in order: an
-- inlined CASE with a constant value would be folded, cast first, and raise.
create or replace function core.coordinate_problem(value text, bound double precision, out_of_range text)
returns text
language plpgsql stable parallel safe
as $$
begin
    if value is null or value = '' then
        return null;
    elsif not core.can_cast(value, 'double precision') then
        return 'NOT_A_NUMBER';
    elsif not core.is_valid_coordinate(value, bound) then
        return out_of_range;
    end if;
    return null;
end
$$;

create or replace function core.port_count_problem(value text)
returns text
language plpgsql stable parallel safe
as $$
begin
    if value is null or value = '' then
        return null;
    elsif not core.can_cast(value, 'integer') then
        return 'NOT_AN_INTEGER';
    elsif not core.is_valid_port_count(value) then
        return 'NEGATIVE_PORT_COUNT';
    end if;
    return null;
end
$$;

create or replace function core.date_problem(value text)
returns text
language plpgsql stable parallel safe
as $$
begin
    if value <> ''
        and not (core.is_valid_date(value) and core.can_cast(value, 'date')) then
        return 'BAD_DATE';
    end if;
    return null;
end
$$;

create or replace function core.timestamp_problem(value text)
returns text
language plpgsql stable parallel safe
as $$
begin
    if value <> ''
        and not (core.is_valid_timestamp(value) and core.can_cast(value, 'timestamptz')) then
        return 'BAD_TIMESTAMP';
    end if;
    return null;
end
$$;
