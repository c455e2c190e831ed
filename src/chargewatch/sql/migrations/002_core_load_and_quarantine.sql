-- Bookkeeping: one row per load attempt, and the rows a load set aside.

-- core.load: one row per load of one raw file. A load that commits is
-- 'loaded'; one that failed is recorded afterwards as 'failed' with its error.
create table core.load (
    load_id bigint generated always as identity primary key,
    source text not null,
    file_name text not null,
    lake_uri text not null,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes bigint not null,
    as_of_date date,
    status text not null check (status in ('running', 'loaded', 'failed')),
    read_path text check (read_path in ('fast', 'exact')),
    rows_read bigint,
    rows_loaded bigint,
    rows_skipped bigint,
    rows_quarantined bigint,
    stations_upserted bigint,
    error_message text,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    constraint load_counts_add_up check (
        status <> 'loaded' or rows_read = rows_loaded + rows_skipped + rows_quarantined
    )
);

-- The same bytes load once per source: a second attempt finds this row.
create unique index load_once_per_file on core.load (source, sha256) where status = 'loaded';

-- core.reason_code: why a row was quarantined (kept in sync with chargewatch.quarantine.Reason).
create table core.reason_code (
    reason_code text primary key,
    description text not null
);

-- core.quarantine: one row per problem found in a source record; a record with
-- any problem is not loaded. column_name is null when the whole record is bad.
create table core.quarantine (
    load_id bigint not null references core.load (load_id) on delete cascade,
    line_number integer not null,
    column_name text,
    value text,
    reason_code text not null references core.reason_code (reason_code),
    detail text
);

create index quarantine_by_line on core.quarantine (load_id, line_number);
