-- raw.ocm_poi: one row per Open Charge Map POI of a load, as the file gave it
-- (IDs and titles as text), beside what chargewatch's OCM tables map them to
-- (in_scope, status, access, state, connector_codes, ports by level).
-- Grain: one row per (load_id, line_number); line_number is the POI's position.
create table raw.ocm_poi (
    load_id bigint not null,
    line_number integer not null,
    quarantined boolean not null default false,
    id text,
    uuid text,
    data_provider_id text,
    operator_id text,
    operator text,
    usage_type_id text,
    usage_type text,
    status_type_id text,
    status_type text,
    submission_status_type_id text,
    title text,
    address_line1 text,
    address_line2 text,
    town text,
    state_or_province text,
    postcode text,
    country_id text,
    country_iso text,
    latitude text,
    longitude text,
    access_comments text,
    number_of_points text,
    connections jsonb,
    date_created text,
    date_last_status_update text,
    date_last_confirmed text,
    date_last_verified text,
    date_planned text,
    in_scope boolean not null,
    status text not null,
    access text not null,
    state text,
    connector_codes text not null,
    level1_ports text,
    level2_ports text,
    dc_fast_ports text,
    primary key (load_id, line_number)
);

comment on table raw.ocm_poi is
    'Open Charge Map POIs as loaded, one row per POI of each load (see chargewatch.sources.ocm).';
