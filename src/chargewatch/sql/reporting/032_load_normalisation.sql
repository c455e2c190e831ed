-- reporting.load_normalisation: what each load rewrote so that its values could be
-- read. Grain: one row per (load, column, rule).
create view reporting.load_normalisation as
select
    load_id,
    column_name,
    rule,
    value_count,
    detail
from core.load_normalisation;

comment on view reporting.load_normalisation is
    'One row per load, column and rule: how many of the file''s values were rewritten into '
    'the source''s own spelling before they were read (a file re-saved by Excel or pandas). '
    'Values no rule could read are quarantined as written (see reporting.quarantine).';
comment on column reporting.load_normalisation.load_id is 'The load (see reporting.load).';
comment on column reporting.load_normalisation.column_name is
    'The column as its header is written in the file; empty for a rule about the whole file.';
comment on column reporting.load_normalisation.rule is
    'null_token: nan, NaN, None or NULL read as empty. integral_float: a whole number written '
    'as a float (2.0) read as 2. short_zip: a 3- or 4-digit ZIP code given back its leading '
    'zeros. boolean_case: True, TRUE, False, FALSE read as true and false. date_shape and '
    'timestamp_shape: a date or time in another order or shape (11/13/2025, 2025/11/13, '
    '11/13/25 2:05 PM, +00) read as a date or as a time in UTC; detail says whether day or '
    'month came first and why. index_column_ignored: a leading unnamed column (the index '
    'pandas writes) set aside. repeated_column_ignored: a second column holding a field '
    'another column holds, set aside (detail names the column read). encoding: the file is '
    'not UTF-8 and was read as Windows-1252.';
comment on column reporting.load_normalisation.value_count is
    'Values of the file this rule applied to (for the rules about a whole column or the '
    'file: index_column_ignored, repeated_column_ignored, encoding, its records).';
comment on column reporting.load_normalisation.detail is
    'For dates: the order chosen for the column and the evidence for it; otherwise null or a '
    'note.';
