-- A time from text: ISO 8601 with its offset as core.timestamptz_or_null reads it,
-- or, without an offset, the local time it is in the IANA zone named by zone
-- (2024-01-21 08:51 in America/Chicago). Null when it is neither (a time with
-- no offset and no zone is not taken as UTC), or the zone is not one PostgreSQL
-- knows.
create or replace function core.timestamptz_in_zone(value text, zone text)
returns timestamptz
language plpgsql immutable parallel safe
set timezone = 'UTC'
as $$
begin
    if value ~ '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)\s*$' then
        return core.timestamptz_or_null(value);
    end if;
    if coalesce(btrim(zone), '') = '' or value !~ '^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*$' then
        return null;
    end if;
    return btrim(value)::timestamp at time zone btrim(zone);
exception when others then
    return null;
end
$$;
