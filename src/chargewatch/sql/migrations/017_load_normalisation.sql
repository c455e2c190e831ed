-- What a load changed in its raw values so that the warehouse can read them
-- (dates re-ordered, "2.0" port counts, "NaN" as empty, a pandas index column
-- set aside), counted per column and rule: nothing is normalised silently.
-- Grain: one row per (load, column, rule). column_name is the file's header
-- as written; '' for a rule about the whole file (its encoding).
create table core.load_normalisation (
    load_id bigint not null references core.load (load_id) on delete cascade,
    column_name text not null,
    rule text not null,
    value_count bigint not null check (value_count >= 0),
    detail text,
    primary key (load_id, column_name, rule)
);

comment on table core.load_normalisation is
    'Per load, column and rule: how many raw values were normalised before typing.';

-- A leading unnamed column (the index pandas writes) is kept here, unused, so
-- that such files still stream to COPY unchanged.
alter table raw.afdc_station add column source_index text;

-- From this migration on, a raw partition holds the file's values in AFDC's own
-- spelling: a load rewrites the values it normalised (and counts them above);
-- the file's exact bytes stay in the lake.

-- Only a station's ID and fuel type are required of a file; the columns the
-- warehouse reads that a file lacks are kept with its load.
alter table core.load add column absent_columns text[];
