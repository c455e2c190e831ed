-- Sources become packages (chargewatch.sources.<name>): each owns its raw
-- table's migrations (core.source_migration keeps which ran), its staging views
-- (core.stg_<name>__station replaces core.afdc_station_accepted) and says which
-- canonical fields a file lacks (core.load.absent_fields), so that the loader
-- and the KPIs read field names, not one source's column names.
create table core.source_migration (
    source text not null,
    version integer not null,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    primary key (source, version)
);

alter table core.load add column absent_fields text[];

comment on column core.load.absent_fields is
    'The canonical station fields the file does not give (its source''s columns for them '
    'are all absent): its stations keep their last known values for them, and the KPIs '
    'that need them are unknown for the states the file covers.';

update core.load as l
set absent_fields = array(
    select m.field
    from (
        values
            ('name', array['Station Name']),
            ('street_address', array['Street Address']),
            ('city', array['City']),
            ('state', array['State']),
            ('zip', array['ZIP']),
            ('country', array['Country']),
            ('latitude', array['Latitude']),
            ('longitude', array['Longitude']),
            ('status', array['Status Code']),
            ('expected_date', array['Expected Date']),
            ('access', array['Access Code', 'Groups With Access Code']),
            ('access_detail_code', array['Access Detail Code']),
            ('groups_with_access', array['Groups With Access Code']),
            ('restricted_access', array['Restricted Access']),
            ('facility_type', array['Facility Type']),
            ('owner_type', array['Owner Type Code']),
            ('network', array['EV Network']),
            ('level1_port_count', array['EV Level1 EVSE Num']),
            ('level2_port_count', array['EV Level2 EVSE Num']),
            ('dc_fast_port_count', array['EV DC Fast Count']),
            ('connector_types', array['EV Connector Types']),
            ('hours', array['Access Days Time']),
            ('open_date', array['Open Date']),
            ('date_last_confirmed', array['Date Last Confirmed']),
            ('updated_at', array['Updated At'])
    ) as m (field, source_columns)
    where l.absent_columns @> m.source_columns
)
where l.source = 'afdc' and l.absent_columns is not null;

drop view if exists core.afdc_station_accepted cascade;
