-- reporting.load: one row per load attempt, newest first in load_id order.
create view reporting.load as
select
    load_id,
    source,
    file_name,
    lake_uri,
    sha256,
    size_bytes,
    as_of_date,
    status,
    read_path,
    rows_read,
    rows_loaded,
    rows_skipped,
    rows_quarantined,
    stations_upserted,
    error_message,
    started_at,
    finished_at,
    extract(epoch from finished_at - started_at) as duration_seconds
from core.load;

comment on view reporting.load is 'One row per load attempt of one raw file.';
