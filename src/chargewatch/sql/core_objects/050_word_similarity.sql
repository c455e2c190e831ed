-- Share of words two texts have in common (Jaccard over lower-case words of
-- letters and digits): 1 for the same words in any order, 0 for none in common,
-- null when neither has a word. Used to tell probable duplicates apart.
create or replace function core.word_similarity(a text, b text)
returns double precision
language sql immutable parallel safe
as $$
    with
        words_a as (
            select distinct word from regexp_split_to_table(lower(coalesce(a, '')), '[^a-z0-9]+') as word
            where word <> ''
        ),
        words_b as (
            select distinct word from regexp_split_to_table(lower(coalesce(b, '')), '[^a-z0-9]+') as word
            where word <> ''
        ),
        both_texts as (select word from words_a union select word from words_b)
    select
        (select count(*) from (select word from words_a intersect select word from words_b) as common)::float8
        / nullif((select count(*) from both_texts), 0)
$$;
