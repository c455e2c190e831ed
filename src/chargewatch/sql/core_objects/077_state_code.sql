-- A US state's two-letter code from its name or code as a source writes it
-- ('California', 'ca', 'CA' → 'CA'); the text as written (trimmed, null when
-- empty) when it is neither, such as a province outside the US.
create or replace function core.state_code(value text)
returns text
language sql stable parallel safe
as $$
    select coalesce(
        (
            select g.state
            from core.geo_area as g
            where g.kind = 'state'
                and (upper(g.state) = upper(btrim(value)) or lower(g.name) = lower(btrim(value)))
            limit 1
        ),
        nullif(btrim(value), '')
    )
$$;
