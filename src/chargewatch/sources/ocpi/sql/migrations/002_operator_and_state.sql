-- The Location's operator (its name, else the CPO's party ID) and state, for
-- uptime by network and by state.
alter table raw.ocpi_evse add column operator text, add column state text;
