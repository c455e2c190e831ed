-- core.port_status_rank(status): how severe a canonical port status is, for
-- choosing between two observations of one port at one time (the more severe
-- stands): an outage over use, use over a reservation, and anything the port
-- said over unknown.
create or replace function core.port_status_rank(status text)
returns integer
language sql immutable parallel safe
as $$
    select case status
        when 'out_of_service' then 6
        when 'offline' then 5
        when 'in_use' then 4
        when 'reserved' then 3
        when 'not_in_service' then 2
        when 'available' then 1
        else 0
    end
$$;
