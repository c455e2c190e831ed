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
    absent_columns,
    absent_fields,
    model,
    error_message,
    started_at,
    finished_at,
    extract(epoch from finished_at - started_at) as duration_seconds
from core.load;

comment on view reporting.load is
    'One row per attempt to load a raw file (load_id): loaded, or failed with its reason. A '
    'load lands completely or not at all: a refused file (not an export of the source, no '
    'station in it, a second file of one date for a state) is a failed row that changed '
    'nothing; an interrupted or crashed load leaves no row (its load_id is used up, so IDs can '
    'have gaps); loading bytes that source already loaded adds no row.';
comment on column reporting.load.load_id is
    'ID of the load, increasing with each attempt. The load_id columns of the other views '
    'refer to it.';
comment on column reporting.load.source is
    'The registry the file came from: a source''s name, such as afdc (the US Alternative '
    'Fuels Data Center) or ocm (Open Charge Map).';
comment on column reporting.load.file_name is 'Name of the file as it was given to the tool.';
comment on column reporting.load.lake_uri is
    'Where the raw file is kept, unchanged, in the tool''s file store: a folder path or '
    's3:// address named after the file''s SHA-256. For a failed load the file is not kept: '
    'where it would have been, or null when it was refused before it was stored.';
comment on column reporting.load.sha256 is
    'SHA-256 checksum of the file''s bytes (64 hexadecimal digits): the same file always has '
    'the same value. Null when the file was refused before it was stored.';
comment on column reporting.load.size_bytes is
    'Size of the file in bytes; null when it was refused before it was stored.';
comment on column reporting.load.as_of_date is
    'Snapshot date of the file: the date given when it was loaded (chargewatch ingest '
    '--as-of), else the day of the newest Updated At in it, else the day it was loaded. '
    'Null for a failed load: it is no snapshot.';
comment on column reporting.load.status is
    'loaded: the file was loaded completely and is a snapshot; failed: it was refused and '
    'changed nothing (error_message says why). running is only seen by the load itself.';
comment on column reporting.load.read_path is
    'How the file was read: fast (streamed to the database in bulk) or exact (record by '
    'record, when the fast way rejects the file or it has columns the tool does not know).';
comment on column reporting.load.rows_read is
    'Records read from the file, the header not counted: rows_read = rows_loaded + '
    'rows_skipped + rows_quarantined.';
comment on column reporting.load.rows_loaded is
    'Records loaded as charging stations; null for a failed load.';
comment on column reporting.load.rows_skipped is
    'Records skipped because they are not charging stations (AFDC Fuel Type Code other than '
    'ELEC, e.g. CNG in an all-fuels export).';
comment on column reporting.load.rows_quarantined is
    'Records set aside because of a problem (see reporting.quarantine for each); they are not '
    'loaded.';
comment on column reporting.load.stations_upserted is
    'Stations written from the file''s records, new or updated.';
comment on column reporting.load.absent_fields is
    'The station fields the file does not give, by their names in reporting.station (hours: '
    'the opening hours and what is read from them): those its source never gives (Open '
    'Charge Map has no opening hours) and those whose columns the file lacks. The KPIs that '
    'need them are unknown for the file''s stations. Null for failed loads and loads made '
    'before this was kept.';
comment on column reporting.load.model is
    'What the file gave: stations (a registry''s snapshot, such as an AFDC export) or '
    'port_status (a status feed''s observations of ports, such as ESB polls). Snapshot dates '
    'and station KPIs come from stations loads only.';
comment on column reporting.load.absent_columns is
    'Columns the tool reads that the file does not have (only a station''s ID and fuel type '
    'are required), by their names in AFDC''s own export; what they describe is unknown for '
    'the file''s stations (no Status Code: every status unknown). Null for loads made '
    'before this was kept and for failed loads.';
comment on column reporting.load.error_message is
    'Why the load failed, for a failed load (e.g. no record gave a station); null when '
    'loaded.';
comment on column reporting.load.started_at is 'Date and time (UTC) the load started.';
comment on column reporting.load.finished_at is
    'Date and time (UTC) the load finished; null while running.';
comment on column reporting.load.duration_seconds is
    'How long the load took, in seconds (finished_at minus started_at); null while running.';
