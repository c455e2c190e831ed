-- Exclusions (23 CFR 680.116(b)): times an outage does not count against a
-- port's uptime, for a reason the rule accepts or the operator's own. An
-- exclusion names a station (every port of it) or one port, of one source or
-- of any; it counts only where it overlaps outage time.
-- Grain: one row per line of an imported exclusions file.
create table core.exclusion (
    exclusion_id bigint generated always as identity primary key,
    source text,
    station_id text not null,
    port_id text,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    reason text not null,
    reason_text text not null,
    file_name text not null,
    line_number integer not null,
    imported_at timestamptz not null default now(),
    unique (file_name, line_number),
    constraint exclusion_order check (ends_at > starts_at),
    constraint exclusion_reason check (
        reason in (
            'utility_interruption', 'vehicle_fault', 'scheduled_maintenance', 'vandalism',
            'natural_disaster', 'operator'
        )
    )
);
