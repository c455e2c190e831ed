-- raw.acn_session: one row per ACN-Data session record of a file, the fields
-- chargewatch reads as the JSON gave them (text), beside what the reader made of
-- them: plug_in_text, plug_out_text and done_text (the RFC 1123 dates in ISO 8601,
-- or as written when they are not dates) and user_hash (SHA-256 of the userID:
-- the ID is not kept). line_number is the record's position in the file, from 1.
-- Grain: one row per (load_id, line_number).
create table raw.acn_session (
    load_id bigint not null,
    line_number integer not null,
    session_id text,
    station_id text,
    space_id text,
    site_id text,
    connection_time text,
    disconnect_time text,
    done_charging_time text,
    kwh_delivered text,
    time_zone text,
    plug_in_text text,
    plug_out_text text,
    done_text text,
    user_hash text
);

create index acn_session_by_load on raw.acn_session (load_id);
