-- core.port_status_code: each status feed's own codes and the canonical port
-- status each means (SPEC §4b), as its package's tables/status.csv says; the
-- loader writes them before a load of that source.
-- Grain: one row per (source, code).
create table core.port_status_code (
    source text not null,
    code text not null,
    status text not null,
    primary key (source, code),
    constraint port_status_code_status check (
        status in (
            'available', 'in_use', 'reserved', 'out_of_service', 'offline',
            'not_in_service', 'unknown'
        )
    )
);
