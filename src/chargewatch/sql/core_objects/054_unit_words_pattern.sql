-- What core.name_core strips from the end of a name, as a regular expression
-- over its text key written backwards (reverse()) with a space after it, so
-- that it matches at the start: matching at the start of the reversed text is
-- several times faster than at the end of the text, where every word would be
-- a starting point to try. Forwards, it is a run of trailing unit words, each
-- of them:
--   a number with at most two letters before or after it (3, 02, 1st, 12b,
--   p1, ev4), a single letter, or one of station, unit, level, floor, port,
--   charger, evse, ev, dc, fast, stall, bay, spot, post, left, right, center,
--   north, south, east, west, upper, lower, single, dual, first … fifth,
--   one … ten and the like;
-- then, when the last word left ends in a number glued to letters ("stohl3"),
-- that number, and if what is left of the word is a unit word ("evse2"), it
-- and the unit words before it.
create or replace function core.unit_words_pattern()
returns text
language sql immutable parallel safe
as $$
    with unit as (
        select '(?:[a-z]{0,2}[0-9]+|[a-z]?[0-9]+[a-z]{1,2}|[a-z]'
            || '|noitats|snoitats|nts|tinu|stinu|level|lvl|roolf|lf|rlf|trop|strop'
            || '|regrahc|sregrahc|gnigrahc|esve|ve|gulp|sgulp|cd|cfcd|tsaf|llats|sllats'
            || '|yab|syab|tops|ecaps|latsedep|tsop|on|mun|rebmun'
            || '|tfel|thgir|retnec|ertnec|elddim|htron|htuos|tsae|tsew|reppu|rewol|elgnis|laud'
            || '|tsrif|dnoces|driht|htruof|htfif'
            || '|eno|owt|eerht|ruof|evif|xis|neves|thgie|enin|net|ii|iii|vi)\s' as word
    )
    select '^(?:' || word || ')*(?:[a-z]?[0-9]+(?=[a-z])(?:(?:' || word || ')+)?)?'
    from unit
$$;
