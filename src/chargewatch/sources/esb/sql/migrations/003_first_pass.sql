-- first_pass: the line's poll is in the hour that Irish clocks repeat when
-- summer time ends (01:00-01:59 on the last Sunday of October) and came
-- before the file's clock went back, so it is the hour's first pass (summer
-- time). Set on landing (sql/land/first_pass.sql); false elsewhere.
alter table raw.esb_status add column first_pass boolean not null default false;
