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
    'One row per (load, line, column) problem; a quarantined record is not loaded.';
