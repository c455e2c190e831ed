-- The network and state (region) of a port as its feed gives them, for uptime
-- by network or by state; null where the feed does not say.
alter table core.port add column network text, add column state text;

comment on column core.port.network is
    'The network or operator running the port, as its feed names it (ESB ecars, an OCPI '
    'operator, a BFE operator ID); null where the feed does not say.';
comment on column core.port.state is
    'The state, province or region of the port as its feed gives it (an OCPI Location''s '
    'state, a status CSV''s state column); null where the feed does not say.';
