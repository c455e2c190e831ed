-- Grid used to find stations within 25 m of each other (core.station_links):
-- row cell_y spans latitudes cell_y x 0.0009 to (cell_y + 1) x 0.0009 degrees
-- (100 m). Longitude is multiplied by this scale before being cut into
-- 0.0009-degree columns, so that every column is at least 100 m wide
-- anywhere in the row: the cosine of the row's latitude nearest a pole
-- (at least 0.01, so that rows by the poles still have columns). Float
-- arithmetic throughout: it runs twice per station.
create or replace function core.grid_row_scale(cell_y bigint)
returns double precision
language sql immutable parallel safe
as $$
    select greatest(
        0.01::float8,
        cos(radians(least(90::float8, greatest(abs(cell_y), abs(cell_y + 1))::float8 * 0.0009::float8)))
    )
$$;
