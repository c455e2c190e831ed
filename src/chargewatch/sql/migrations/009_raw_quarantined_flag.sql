-- A raw record that is quarantined is flagged where it lies. Views that type
-- raw values filter on the flag in the scan itself, before any value is cast:
-- a join against core.quarantine may be planned above the cast, and then one
-- bad value fails the whole query.
alter table raw.afdc_station add column quarantined boolean not null default false;
