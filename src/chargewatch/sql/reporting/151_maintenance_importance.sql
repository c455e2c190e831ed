-- reporting.maintenance_importance: how much each feature counted in each
-- prediction run's model (its share of the trees' impurity reduction).
-- Grain: one row per (run_id, feature).
create view reporting.maintenance_importance as
select
    r.run_id,
    r.purpose,
    r.model_version,
    i.key as feature,
    i.value::float8 as importance
from core.maintenance_run as r
cross join lateral jsonb_each_text(r.importance) as i (key, value);

comment on view reporting.maintenance_importance is
    'One row per feature of each maintenance prediction run''s model (run_id, feature): how '
    'much it counted.';
comment on column reporting.maintenance_importance.run_id is 'The prediction run.';
comment on column reporting.maintenance_importance.purpose is
    'score (a morning list) or evaluate (held-out days scored to judge the model).';
comment on column reporting.maintenance_importance.model_version is
    'The model and feature set, e.g. gbm-1.';
comment on column reporting.maintenance_importance.feature is
    'The feature, as sql/predict/features.sql names it (faults_1d, minutes_since_fault, ...).';
comment on column reporting.maintenance_importance.importance is
    'Its share of the trees'' impurity reduction (the run''s features sum to 1).';
