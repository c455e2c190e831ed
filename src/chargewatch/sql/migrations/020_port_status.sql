-- Port status: the ports status feeds speak of, what they observed and when,
-- and the intervals of status that uptime is counted from (SPEC §4b).
-- core.port: one row per port of a source, by the source's own identity of it
-- (port_key); station_id and port_id as the source writes them.
create table core.port (
    port_pk bigint generated always as identity primary key,
    source text not null,
    port_key text not null,
    station_id text not null,
    port_id text not null,
    connector text,
    power_kw numeric,
    latitude double precision,
    longitude double precision,
    first_seen timestamptz not null,
    last_seen timestamptz not null,
    first_load_id bigint not null references core.load (load_id),
    unique (source, port_key)
);

comment on table core.port is
    'A charging port a status source has listed: its station and port IDs as the source '
    'writes them and where it is. port_key is the source''s identity of the port, which '
    'may need more than the two IDs (the Irish feed reuses a charge point ID at two places).';

-- core.status_poll: one row per poll of a polled feed. A failed poll observed
-- nothing, but it ends what the poll before it observed.
create table core.status_poll (
    source text not null,
    polled_at timestamptz not null,
    succeeded boolean not null,
    load_id bigint not null references core.load (load_id),
    line_number integer not null,
    primary key (source, polled_at)
);

-- core.status_event: what a source observed of a port at a time, append-only
-- and idempotent per (port, observed_at): the same observation twice is one.
create table core.status_event (
    port_pk bigint not null references core.port (port_pk),
    observed_at timestamptz not null,
    status text not null,
    source_status text not null,
    error_code text,
    load_id bigint not null references core.load (load_id),
    line_number integer not null,
    primary key (port_pk, observed_at),
    constraint status_event_status check (
        status in (
            'available', 'in_use', 'reserved', 'out_of_service', 'offline',
            'not_in_service', 'unknown'
        )
    )
) partition by range (observed_at);

-- core.port_status_interval: a port's status over time, in runs of one status
-- within one calendar month (UTC); time no interval covers is unobserved.
-- Rebuilt for the ports and months a load touches.
create table core.port_status_interval (
    port_pk bigint not null references core.port (port_pk),
    month date not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    status text not null,
    primary key (port_pk, starts_at),
    constraint port_status_interval_order check (ends_at > starts_at),
    constraint port_status_interval_month check (
        date_trunc('month', starts_at at time zone 'UTC') = month
        and ends_at <= (month + interval '1 month') at time zone 'UTC'
    )
);

create index port_status_interval_by_month on core.port_status_interval (month, port_pk);
