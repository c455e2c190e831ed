-- How each distinct station name is compared when finding site siblings and
-- duplicates (core.station_links): its text key and its site part, computed
-- once per name as stations are loaded rather than for every pair on every
-- read (the regular expressions are the costly part). Filled by
-- sql/transform/station_name_key.sql; emptied and filled again whenever the
-- core functions are rebuilt, as their definitions may have changed.
-- Grain: one row per distinct station name.
create table core.station_name_key (
    station_name text primary key,
    name_key text not null,
    name_core text not null
);

comment on table core.station_name_key is
    'Per distinct station name: core.text_key(name) and core.name_core of it.';
