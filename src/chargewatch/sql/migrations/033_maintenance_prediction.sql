-- Maintenance prediction (chargewatch predict): each run's model, what it was
-- trained on, its scores on held-out days (an evaluation) and each feature's
-- importance; and each port's probability, day by day, of beginning an outage of
-- 30 minutes or more in the 24 hours from the start of that day (UTC).
-- core.maintenance_run grain: one row per run.
create table core.maintenance_run (
    run_id bigint generated always as identity primary key,
    created_at timestamptz not null default now(),
    purpose text not null check (purpose in ('score', 'evaluate')),
    model_version text not null,
    train_until timestamptz not null,
    test_until timestamptz,
    train_rows integer not null,
    train_positives integer not null,
    top_k integer not null,
    metrics jsonb,
    importance jsonb not null
);

-- core.maintenance_score: a run's probability for each port and day, with the
-- baselines' scores beside it and, for days already past, whether it happened.
-- Grain: one row per (run_id, port_pk, day).
create table core.maintenance_score (
    run_id bigint not null references core.maintenance_run (run_id) on delete cascade,
    port_pk bigint not null,
    day date not null,
    probability double precision not null,
    persistence double precision not null,
    historical_rate double precision not null,
    began_outage boolean,
    reasons text not null,
    primary key (run_id, port_pk, day)
);
