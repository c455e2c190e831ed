-- Code values as sources write them: trimmed, in one case; connector codes.

-- A code trimmed and in upper (lower) case. Codes are ASCII, and the "C"
-- collation cases ASCII without the locale's cost per character, which is
-- most of the time a million-record load spends on codes.
create or replace function core.upper_code(value text)
returns text
language sql immutable parallel safe
as $$
    select upper(btrim(value) collate "C")
$$;

create or replace function core.lower_code(value text)
returns text
language sql immutable parallel safe
as $$
    select lower(btrim(value) collate "C")
$$;

-- A connector text (space-separated codes, as AFDC writes them and each source's
-- staging gives them) → sorted distinct canonical codes; TESLA, NACS and J3400
-- are one connector (NACS). Run once per distinct text (core.connector_text).
create or replace function core.connector_codes(connector_text text)
returns text[]
language sql immutable parallel safe
as $$
    select coalesce(array_agg(distinct code order by code), '{}')
    from (
        select case when t in ('TESLA', 'NACS', 'J3400') then 'NACS' else t end as code
        from unnest(regexp_split_to_array(upper(btrim(coalesce(connector_text, ''))), '\s+')) as t
        where t <> ''
    ) as codes
$$;

drop function if exists core.afdc_connector_types(text);
