-- Code values as sources write them: trimmed, in one case.

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
