-- reporting.quarantine: one row per problem found in a source record.
create view reporting.quarantine as
select
    q.load_id,
    l.file_name,
    q.line_number,
    q.column_name,
    q.value,
    q.reason_code,
    r.description as reason,
    q.detail
from core.quarantine as q
inner join core.load as l using (load_id)
inner join core.reason_code as r using (reason_code);

comment on view reporting.quarantine is
    'One row per problem found in a record of a file (load_id, line_number, column_name). A '
    'record with a problem is quarantined: set aside, not loaded. A record with several '
    'problems has several rows.';
comment on column reporting.quarantine.load_id is
    'ID of the load (see reporting.load) of the file the record is in.';
comment on column reporting.quarantine.file_name is 'Name of that file.';
comment on column reporting.quarantine.line_number is
    'Line of the file the record is on (the header is line 1).';
comment on column reporting.quarantine.column_name is
    'Column of the file with the bad value, by its header name (e.g. Latitude); null when '
    'the whole record is at fault (a wrong number of fields).';
comment on column reporting.quarantine.value is
    'The bad value as written in the file; for a record at fault as a whole, the record''s '
    'text (its first 1,000 characters).';
comment on column reporting.quarantine.reason_code is
    'What is wrong, as a code: WRONG_FIELD_COUNT, MISSING_ID, DUPLICATE_ID, NOT_A_NUMBER, '
    'LAT_OUT_OF_RANGE, LON_OUT_OF_RANGE, NOT_AN_INTEGER, NEGATIVE_PORT_COUNT, BAD_DATE or '
    'BAD_TIMESTAMP; reason says it in words.';
comment on column reporting.quarantine.reason is
    'What is wrong, in words, to read after the column and value, e.g. "is outside -90..90".';
comment on column reporting.quarantine.detail is
    'More about this problem when there is more to say, e.g. which line was loaded instead '
    'of a duplicate ID, or how many fields the record had; null otherwise.';
