-- The canonical station model (SPEC §3) and the parsed opening-hours cache.

-- core.hours_text: one row per distinct opening-hours text ever seen, parsed
-- once in Python (chargewatch.hours). schedule holds open minutes of the week,
-- Monday 00:00 = 0.
create table core.hours_text (
    hours_text text primary key,
    hours_known boolean not null,
    is_24_7 boolean not null,
    open_minutes_per_week integer not null,
    schedule int4multirange not null,
    parser_version integer not null
);

-- core.station: one row per (source, source station id), the current version.
create table core.station (
    source text not null,
    source_station_id text not null,
    name text,
    street_address text,
    city text,
    state text,
    zip text,
    country text,
    latitude double precision,
    longitude double precision,
    status text not null
        check (status in ('operational', 'temporarily_unavailable', 'planned', 'removed', 'unknown')),
    status_code text,
    expected_date date,
    access text not null check (access in ('public', 'private', 'unknown')),
    access_detail_code text,
    groups_with_access text,
    restricted_access boolean,
    facility_type text,
    owner_type text,
    network text,
    level1_port_count integer check (level1_port_count >= 0),
    level2_port_count integer check (level2_port_count >= 0),
    dc_fast_port_count integer check (dc_fast_port_count >= 0),
    connector_types text[] not null default '{}',
    hours_text text,
    hours_known boolean not null,
    is_24_7 boolean not null,
    hours_schedule int4multirange,
    open_date date,
    date_last_confirmed date,
    updated_at timestamptz,
    as_of_date date not null,
    first_load_id bigint not null references core.load (load_id),
    last_load_id bigint not null references core.load (load_id),
    source_line_number integer not null,
    primary key (source, source_station_id)
);
