-- The site part of a station name: its text key (core.text_key) without the
-- trailing words that only tell chargers of one site apart
-- (core.unit_words_pattern: numbers, short codes like 1st, 12b, p1, ev4, single
-- letters, and unit words like station, unit, level, floor, port, left, north),
-- then without a number glued to the last word ("stohl3" -> "stohl", "ctr12" ->
-- "ctr"), then without trailing unit words again. "sia e garage f 2 3" ->
-- "sia e garage"; "rapid park 1st floor" -> "rapid park"; "station 1" -> "".
-- Works on the reversed text (see core.unit_words_pattern).
create or replace function core.name_core(name_key text)
returns text
language sql immutable parallel safe
as $$
    select btrim(reverse(regexp_replace(
        regexp_replace(
            regexp_replace(reverse(name_key) || ' ', core.unit_words_pattern(), ''),
            '^([a-z]?[0-9]+)?', ''
        ) || ' ',
        core.unit_words_pattern(), ''
    )))
$$;
