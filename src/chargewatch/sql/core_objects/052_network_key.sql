-- A charging network's name for comparing spellings: lower case, without the
-- word "network" and without anything but a-z and 0-9. "ChargePoint Network"
-- and "CHARGEPOINT" both become "chargepoint"; unknown becomes ''.
create or replace function core.network_key(network text)
returns text
language sql immutable parallel safe
as $$
    select regexp_replace(replace(lower(coalesce(network, '')), 'network', ''), '[^a-z0-9]+', '', 'g')
$$;
