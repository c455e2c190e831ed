-- Two charging networks that could list the same chargers: the same name once
-- case, punctuation and the word "network" are ignored ("ChargePoint Network"
-- and "CHARGEPOINT"), or one of them is unknown or Non-Networked (a charger
-- listed once on its network and once without). Two named networks that
-- differ ("Tesla Destination" and "Blink Network") are different chargers,
-- even in one garage.
create or replace function core.networks_alike(network_a text, network_b text)
returns boolean
language sql immutable parallel safe
as $$
    select
        core.network_key(network_a) = core.network_key(network_b)
        or core.network_key(network_a) in ('', 'nonnetworked')
        or core.network_key(network_b) in ('', 'nonnetworked')
$$;
