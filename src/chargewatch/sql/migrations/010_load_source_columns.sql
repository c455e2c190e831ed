-- The header of each loaded file, as written: which columns the file had, so
-- that a quality report can tell a missing value from a column the file lacks.
-- Null for loads made before it was kept.
alter table core.load add column source_columns text[];
