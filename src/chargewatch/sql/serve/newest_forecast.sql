-- The newest stored forecast run's series, the backtested ones first, then the
-- largest forecast first, each with its
-- backtest (in chargewatch forecast's JSON shape: folds 0 for a series too short
-- or sparse to test) and its forecast points.
-- Grain: one row per series_key of the newest run.
with newest as (
    select max(run_id) as run_id from reporting.forecast_series
)

select
    s.run_id,
    s.created_at,
    s.target,
    s.freq,
    s.horizon,
    s.by_dimension as by,
    s.series_key as key,
    s.model,
    s.note,
    jsonb_build_object(
        'folds', case when s.mase is null and s.note is not null then 0 else s.folds end,
        'mase', s.mase,
        'smape', s.smape,
        'baseline_mase', s.baseline_mase,
        'coverage80', s.coverage80,
        'coverage95', s.coverage95
    ) as backtest,
    p.points,
    p.total
from reporting.forecast_series as s
inner join newest as n on n.run_id = s.run_id
cross join lateral (
    select
        jsonb_agg(jsonb_build_object(
            'date', case
                when s.freq = 'D' then to_char(f.period, 'YYYY-MM-DD')
                else to_char(f.period, 'YYYY-MM-DD"T"HH24:MI:SS')
            end,
            'mean', f.mean, 'lo80', f.lo80, 'hi80', f.hi80, 'lo95', f.lo95, 'hi95', f.hi95
        ) order by f.period) as points,
        sum(f.mean) as total
    from reporting.forecast as f
    where f.run_id = s.run_id and f.series_key = s.series_key
) as p
order by s.mase is null, p.total desc nulls last, s.series_key
