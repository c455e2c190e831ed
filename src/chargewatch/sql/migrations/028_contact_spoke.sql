-- Every message a log holds of a charger watches it until the log's end; only
-- those it sent break its silence. spoke: the charger sent this one.
alter table core.status_contact add column spoke boolean not null default true;
