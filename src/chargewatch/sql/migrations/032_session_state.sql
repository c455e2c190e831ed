-- A session's state or province, where its source gives it (ChargePoint exports,
-- a mapped session CSV): what chargewatch sessions and forecast group by state.
alter table core.session add column state text;
