-- A session's error code as a source writes it, or null when it says there was
-- none: empty, 0, none, NoError (OCPP's word), no error, in any case.
create or replace function core.error_or_null(value text)
returns text
language sql immutable parallel safe
as $$
    select case
        when lower(btrim(coalesce(value, ''))) in ('', '0', 'none', 'noerror', 'no error', 'null')
            then null
        else btrim(value)
    end
$$;
