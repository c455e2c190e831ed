-- core.station becomes a table partitioned by source. A load builds its
-- source's next partition in bulk (create table as, parallel) and swaps it in,
-- instead of updating and inserting stations row by row; readers still see
-- one table. The current rows become the afdc partition.
alter table core.station rename to station_afdc;
alter table core.station_afdc rename constraint station_pkey to station_afdc_pkey;

create table core.station (like core.station_afdc including defaults including constraints)
partition by list (source);

alter table core.station add constraint station_pkey primary key (source, source_station_id);

alter table core.station attach partition core.station_afdc for values in ('afdc');
