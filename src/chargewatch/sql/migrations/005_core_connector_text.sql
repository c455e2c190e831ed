-- core.connector_text: one row per distinct AFDC "EV Connector Types" text ever
-- seen, normalised once (not once per row).
create table core.connector_text (
    connector_text text primary key,
    connector_types text[] not null
);
