-- A charging network's name for comparing spellings: lower case, only a-z and
-- 0-9, without a trailing "network". "ChargePoint Network" and "CHARGEPOINT"
-- both become "chargepoint"; "Non-Networked" becomes "nonnetworked"; unknown
-- becomes ''.
create or replace function core.network_key(network text)
returns text
language sql immutable parallel safe
as $$
    select regexp_replace(
        regexp_replace(lower(coalesce(network, '')), '[^a-z0-9]+', '', 'g'), 'network$', ''
    )
$$;
