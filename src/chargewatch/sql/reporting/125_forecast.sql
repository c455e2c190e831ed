-- reporting.forecast_series and reporting.forecast: every stored forecast run's
-- series with their chosen model and backtest scores, and their forecasts.
-- forecast_series grain: one row per (run_id, series_key).
create view reporting.forecast_series as
select
    r.run_id,
    r.created_at,
    r.target,
    r.freq,
    r.horizon,
    r.by_dimension,
    r.folds,
    s.series_key,
    s.model,
    s.note,
    s.mase,
    s.smape,
    s.baseline_mase,
    s.coverage80,
    s.coverage95
from core.forecast_run as r
inner join core.forecast_series as s on s.run_id = r.run_id;

comment on view reporting.forecast_series is
    'One row per series of each stored forecast run (chargewatch forecast): the model its '
    'rolling-origin backtest chose and the scores of that backtest.';
comment on column reporting.forecast_series.run_id is 'The forecast run.';
comment on column reporting.forecast_series.created_at is 'When the run was made.';
comment on column reporting.forecast_series.target is 'sessions or energy (kWh).';
comment on column reporting.forecast_series.freq is 'D (daily) or H (hourly) periods.';
comment on column reporting.forecast_series.horizon is 'Periods forecast ahead.';
comment on column reporting.forecast_series.by_dimension is 'What a series is: station, network or source.';
comment on column reporting.forecast_series.folds is 'Backtest folds (rolling origins).';
comment on column reporting.forecast_series.series_key is 'The station, network or source.';
comment on column reporting.forecast_series.model is
    'The model chosen by the backtest (lowest mean MASE), or SeasonalNaive.';
comment on column reporting.forecast_series.note is
    'Why the series got the seasonal-naive baseline without a backtest (too short, too sparse).';
comment on column reporting.forecast_series.mase is
    'Mean absolute scaled error of the chosen model over the folds (below 1 beats the '
    'in-sample seasonal-naive error).';
comment on column reporting.forecast_series.smape is 'Symmetric MAPE of the chosen model (0 to 2).';
comment on column reporting.forecast_series.baseline_mase is
    'MASE of the seasonal-naive baseline over the same folds.';
comment on column reporting.forecast_series.coverage80 is
    'Share of the folds'' actual values inside the chosen model''s 80% intervals.';
comment on column reporting.forecast_series.coverage95 is 'The same for the 95% intervals.';

-- forecast grain: one row per (run_id, series_key, period).
create view reporting.forecast as
select
    v.run_id,
    r.target,
    r.freq,
    r.by_dimension,
    v.series_key,
    s.model,
    v.period,
    v.mean,
    v.lo80,
    v.hi80,
    v.lo95,
    v.hi95
from core.forecast_value as v
inner join core.forecast_run as r on r.run_id = v.run_id
inner join core.forecast_series as s on s.run_id = v.run_id and s.series_key = v.series_key;

comment on view reporting.forecast is
    'One row per forecast period of each series of each stored forecast run.';
comment on column reporting.forecast.run_id is 'The forecast run.';
comment on column reporting.forecast.target is 'sessions or energy (kWh).';
comment on column reporting.forecast.freq is 'D (daily) or H (hourly) periods.';
comment on column reporting.forecast.by_dimension is 'What a series is: station, network or source.';
comment on column reporting.forecast.series_key is 'The station, network or source.';
comment on column reporting.forecast.model is 'The model that made the forecast.';
comment on column reporting.forecast.period is
    'The period''s start, in the stations'' local time (no zone).';
comment on column reporting.forecast.mean is 'The forecast (point), never below 0.';
comment on column reporting.forecast.lo80 is 'Lower bound of the 80% interval (at least 0).';
comment on column reporting.forecast.hi80 is 'Upper bound of the 80% interval.';
comment on column reporting.forecast.lo95 is 'Lower bound of the 95% interval (at least 0).';
comment on column reporting.forecast.hi95 is 'Upper bound of the 95% interval.';
