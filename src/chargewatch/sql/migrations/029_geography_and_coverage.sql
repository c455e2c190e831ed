-- Reference geography (loaded by db build from the tables the package ships)
-- and the coverage of its areas by DC fast charging, kept per snapshot date.
-- core.geo_area grain: one row per (kind, geoid); kind is state, county or
-- zcta. population is null where the ACS table has no row for the area.
create table core.geo_area (
    kind text not null check (kind in ('state', 'county', 'zcta')),
    geoid text not null,
    name text not null,
    state text not null,
    latitude double precision,
    longitude double precision,
    land_sqmi double precision,
    population bigint,
    primary key (kind, geoid)
);

-- Light-duty EVs registered in a state at the end of a year (AFDC).
create table core.ev_registration (
    state text not null,
    year integer not null,
    ev_registrations integer not null,
    primary key (state, year)
);

-- Each area's coverage on a snapshot date, within within_miles (computed in
-- Python over a nearest-neighbour index; chargewatch.coverage). A state's row
-- is its counties taken together, and has its public ports counted.
-- Grain: one row per (as_of_date, kind, geoid).
create table core.area_coverage (
    as_of_date date not null,
    kind text not null,
    geoid text not null,
    within_miles double precision not null,
    nearest_dcfc_miles double precision,
    nearest_dcfc_source text,
    nearest_dcfc_station_id text,
    nearest_dcfc_name text,
    dcfc_stations_within integer not null,
    dcfc_ports_within integer not null,
    level2_ports_within_10 integer,
    is_beyond boolean not null,
    public_ports integer,
    primary key (as_of_date, kind, geoid)
);

-- What each date's coverage was computed from (the station loads and the
-- reference tables), so that only dates whose inputs changed are computed again.
create table core.coverage_build (
    as_of_date date primary key,
    fingerprint text not null,
    built_at timestamptz not null default now()
);
