-- How station names and addresses are compared when grouping sites and finding
-- duplicates: lower case, runs of anything but a-z and 0-9 become one space.
-- "SIA E Garage F.2 #3" becomes "sia e garage f 2 3". Null stays null.
create or replace function core.text_key(value text)
returns text
language sql immutable parallel safe
as $$
    select btrim(regexp_replace(lower(value), '[^a-z0-9]+', ' ', 'g'))
$$;
