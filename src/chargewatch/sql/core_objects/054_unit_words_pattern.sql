-- The trailing words that tell chargers of one site apart (see core.name_core),
-- as a regular expression over a text key written backwards (reverse()) with a
-- space after it: a run of such words, each followed by a space, at the start.
-- Matching at the start of the reversed text is several times faster than at
-- the end of the text, where every word would be a starting point to try.
-- Forwards the words are: a number with at most two letters before or after it
-- (3, 02, 1st, 12b, p1, ev4), a single letter, and station, unit, level,
-- floor, port, charger, evse, ev, dc, fast, stall, bay, spot, post, left,
-- right, center, north, south, east, west, upper, lower, single, dual, first …
-- fifth, one … ten and the like.
create or replace function core.unit_words_pattern()
returns text
language sql immutable parallel safe
as $$
    select '^(?:(?:[a-z]{0,2}[0-9]+|[a-z]?[0-9]+[a-z]{1,2}|[a-z]'
        || '|noitats|snoitats|nts|tinu|stinu|level|lvl|roolf|lf|rlf|trop|strop'
        || '|regrahc|sregrahc|gnigrahc|esve|ve|gulp|sgulp|cd|cfcd|tsaf|llats|sllats'
        || '|yab|syab|tops|ecaps|latsedep|tsop|on|mun|rebmun'
        || '|tfel|thgir|retnec|ertnec|elddim|htron|htuos|tsae|tsew|reppu|rewol|elgnis|laud'
        || '|tsrif|dnoces|driht|htruof|htfif'
        || '|eno|owt|eerht|ruof|evif|xis|neves|thgie|enin|net|ii|iii|vi)\s)+'
$$;
