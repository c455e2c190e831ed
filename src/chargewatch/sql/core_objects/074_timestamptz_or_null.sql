-- A time with its zone in ISO 8601 (2024-01-21T02:51:19Z) from text, or null
-- when the text is not one: PostgreSQL's own words for times ('yesterday',
-- 'epoch') and other orders of day and month are not taken. Staging models
-- cast with it and quarantine what comes out null.
create or replace function core.timestamptz_or_null(value text)
returns timestamptz
language plpgsql immutable parallel safe
set timezone = 'UTC'
as $$
begin
    if value !~ '^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?\s*$' then
        return null;
    end if;
    return btrim(value)::timestamptz;
exception when others then
    return null;
end
$$;
