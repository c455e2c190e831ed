-- The site part of a station name: its text key (core.text_key) without the
-- trailing words that only tell chargers of one site apart
-- (core.unit_words_pattern: numbers, short codes like 1st, 12b, p1, ev4, single
-- letters, and unit words like station, unit, level, floor, port, left, north),
-- and without a number glued to the last word that remains ("stohl3" -> "stohl",
-- "ctr12" -> "ctr"); when that leaves a unit word ("evse2" -> "evse"), it and
-- the unit words before it go too. "sia e garage f 2 3" -> "sia e garage";
-- "rapid park 1st floor" -> "rapid park"; "station 1" -> "" (empty).
-- One regular expression over the reversed text (see core.unit_words_pattern).
create or replace function core.name_core(name_key text)
returns text
language sql immutable parallel safe
as $$
    select btrim(reverse(regexp_replace(reverse(name_key) || ' ', core.unit_words_pattern(), '')))
$$;
