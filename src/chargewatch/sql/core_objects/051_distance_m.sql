-- Great-circle (haversine) distance in metres between two WGS84 points, on a
-- sphere of the Earth's mean radius (6,371,008.8 m).
create or replace function core.distance_m(
    lat_a double precision, lon_a double precision, lat_b double precision, lon_b double precision
)
returns double precision
language sql immutable parallel safe
as $$
    select 2 * 6371008.8 * asin(sqrt(
        power(sin(radians(lat_b - lat_a) / 2), 2)
        + cos(radians(lat_a)) * cos(radians(lat_b)) * power(sin(radians(lon_b - lon_a) / 2), 2)
    ))
$$;
