-- A time with its zone in ISO 8601 (2024-01-21T02:51:19Z) from text, or null
-- when the text is not one: PostgreSQL's own words for times ('yesterday',
-- 'epoch') and other orders of day and month are not taken; a time without an
-- offset is UTC (+00 is put after it). Its body names no function of core: an
-- inlined body is read as the querying user, and readers may not look in core. Staging models cast with it and quarantine what comes out null.
-- On PostgreSQL 16 and later it is a plain SQL function, stable as the cast is,
-- so that it is inlined (no subtransaction or call per row: a session load
-- types millions of times with it);
-- before 16, which lacks pg_input_is_valid, it catches the cast's error.
do $$
begin
    if current_setting('server_version_num')::integer >= 160000 then
        create or replace function core.timestamptz_or_null(value text)
        returns timestamptz
        language sql stable parallel safe
        as $fn$
            select case
                when value ~ '^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?\s*$'
                    and pg_input_is_valid(
                        case when btrim(value) ~ '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$' then btrim(value)
                        else btrim(value) || '+00' end,
                        'timestamptz'
                    )
                    then (
                        case when btrim(value) ~ '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$' then btrim(value)
                        else btrim(value) || '+00' end
                    )::timestamptz
            end
        $fn$;
    else
        create or replace function core.timestamptz_or_null(value text)
        returns timestamptz
        language plpgsql stable parallel safe
        as $fn$
        begin
            if value !~ '^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?\s*$' then
                return null;
            end if;
            return (
                case when btrim(value) ~ '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$' then btrim(value)
                else btrim(value) || '+00' end
            )::timestamptz;
        exception when others then
            return null;
        end
        $fn$;
    end if;
end
$$;
