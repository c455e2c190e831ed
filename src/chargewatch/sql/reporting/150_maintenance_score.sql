-- reporting.maintenance_score: every port-day a prediction run scored, with the
-- run (purpose, model version, when), the port, its probability of beginning an
-- outage of 30 minutes or more in the 24 hours from the day's start (UTC), its
-- rank that day in that run, the baselines' scores and, once known, whether one
-- began. The morning list is the newest score run's day, by rank.
-- Grain: one row per (run_id, source, port_key, day).
create view reporting.maintenance_score as
select
    s.run_id,
    r.purpose,
    r.model_version,
    r.created_at as run_at,
    p.source,
    p.station_id,
    p.port_id,
    p.port_key,
    p.latitude,
    p.longitude,
    s.day,
    s.probability,
    rank() over (partition by s.run_id, s.day order by s.probability desc) as day_rank,
    s.persistence,
    s.historical_rate,
    s.began_outage,
    s.reasons,
    s.run_id = (
        select max(n.run_id) from core.maintenance_run as n where n.purpose = 'score'
    ) as is_newest_list
from core.maintenance_score as s
inner join core.maintenance_run as r on r.run_id = s.run_id
inner join core.port as p on p.port_pk = s.port_pk;

comment on view reporting.maintenance_score is
    'One row per port and day a maintenance prediction run scored (run_id, source, port_key, '
    'day): the probability that the port begins an outage of 30 minutes or more in the 24 '
    'hours from the start of the day (UTC), from its history up to then.';
comment on column reporting.maintenance_score.run_id is
    'The prediction run (chargewatch predict maintenance or evaluate).';
comment on column reporting.maintenance_score.purpose is
    'score (a morning list: chargewatch predict maintenance) or evaluate (held-out days '
    'scored to judge the model: chargewatch predict evaluate).';
comment on column reporting.maintenance_score.model_version is
    'The model and feature set that made the score, e.g. gbm-1.';
comment on column reporting.maintenance_score.run_at is 'When the run was made.';
comment on column reporting.maintenance_score.source is
    'The status feed: a source''s name, such as esb (ESB ecars, Ireland).';
comment on column reporting.maintenance_score.station_id is
    'The station (charge point) ID as the feed writes it.';
comment on column reporting.maintenance_score.port_id is
    'The port''s ID within its station as the feed writes it.';
comment on column reporting.maintenance_score.port_key is
    'The feed''s full identity of the port, where the two IDs are not enough.';
comment on column reporting.maintenance_score.latitude is 'The port''s latitude, WGS84.';
comment on column reporting.maintenance_score.longitude is 'The port''s longitude, WGS84.';
comment on column reporting.maintenance_score.day is
    'The day scored (UTC): the prediction is made at its first instant, for the 24 hours '
    'that follow.';
comment on column reporting.maintenance_score.probability is
    'The model''s probability (0 to 1) that the port begins an outage of 30 minutes or more '
    'that day. Feed (back-end) outages do not count.';
comment on column reporting.maintenance_score.day_rank is
    'The port''s place that day in that run, most likely first: the morning list is rank 1 '
    'to the number of ports a crew can visit.';
comment on column reporting.maintenance_score.persistence is
    'The persistence baseline''s score: 1 when the port was out of order in the 24 hours '
    'before, else 0.';
comment on column reporting.maintenance_score.historical_rate is
    'The historical-rate baseline''s score: the share of the days since the port was first '
    'seen, before this one, on which such an outage began.';
comment on column reporting.maintenance_score.began_outage is
    'Whether an outage of 30 minutes or more did begin that day, as known when the run was '
    'made; null when the day was not over.';
comment on column reporting.maintenance_score.reasons is
    'Why the port looks risky, in words: its recent outages, brief ones, the time since the '
    'last, its station''s other ports.';
comment on column reporting.maintenance_score.is_newest_list is
    'True for the rows of the newest morning list (the newest score run).';
