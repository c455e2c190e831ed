-- Forecast runs (chargewatch forecast): what was asked, each series' chosen model
-- and backtest scores, and its forecast with 80% and 95% intervals.
-- core.forecast_run grain: one row per run.
create table core.forecast_run (
    run_id bigint generated always as identity primary key,
    created_at timestamptz not null default now(),
    target text not null,
    freq text not null,
    horizon integer not null,
    by_dimension text not null,
    folds integer not null,
    models text[] not null,
    overall_mase double precision,
    overall_baseline_mase double precision
);

-- Grain: one row per (run_id, series_key).
create table core.forecast_series (
    run_id bigint not null references core.forecast_run (run_id) on delete cascade,
    series_key text not null,
    model text not null,
    note text,
    mase double precision,
    smape double precision,
    baseline_mase double precision,
    coverage80 double precision,
    coverage95 double precision,
    primary key (run_id, series_key)
);

-- Grain: one row per (run_id, series_key, period).
create table core.forecast_value (
    run_id bigint not null references core.forecast_run (run_id) on delete cascade,
    series_key text not null,
    period timestamp not null,
    mean double precision not null,
    lo80 double precision not null,
    hi80 double precision not null,
    lo95 double precision not null,
    hi95 double precision not null,
    primary key (run_id, series_key, period)
);
