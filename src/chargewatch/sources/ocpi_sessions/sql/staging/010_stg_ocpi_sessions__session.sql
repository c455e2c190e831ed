-- core.stg_ocpi_sessions__session: each OCPI Session or CDR typed into
-- core.session's columns (chargewatch.warehouse.sessions), beside the raw text
-- the quarantine rules name. A session is its CPO (country_code*party_id) and
-- its session ID: a Session's id, or the session_id a CDR closes (cdr:<id> when
-- it names none). Its station is the Location, its port the EVSE; its network
-- the CPO. A CDR's charging time is total_time less total_parking_time (hours).
-- Times are UTC. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_ocpi_sessions__session;

create view core.stg_ocpi_sessions__session as
select
    r.load_id,
    r.line_number,
    case
        when r.record_id = '' then ''
        when r.cdr_session_id <> '' then r.country_code || '*' || r.party_id || '*' || r.cdr_session_id
        when r.total_energy <> '' then r.country_code || '*' || r.party_id || '*cdr:' || r.record_id
        else r.country_code || '*' || r.party_id || '*' || r.record_id
    end as session_id,
    coalesce(nullif(r.location_id, ''), nullif(r.cdr_location_id, '')) as station_id,
    coalesce(nullif(r.evse_uid, ''), nullif(r.cdr_evse_uid, '')) as port_id,
    nullif(r.country_code || '*' || r.party_id, '*') as network,
    null::text as state,
    core.timestamptz_or_null(r.start_date_time) as plug_in_at,
    core.timestamptz_or_null(r.end_date_time) as plug_out_at,
    null::timestamptz as charge_start_at,
    null::timestamptz as charge_end_at,
    round(((core.number_or_null(r.total_time)
        - coalesce(core.number_or_null(r.total_parking_time), 0)) * 60)::numeric, 3)::float8
        as charging_minutes,
    core.number_or_null(coalesce(nullif(r.total_energy, ''), r.kwh))::double precision
        as energy_kwh,
    null::double precision as peak_kw,
    null::text as error_code,
    null::text as ended_by,
    nullif(r.auth_method, '') as payment_method,
    nullif(r.user_hash, '') as user_hash,
    'UTC' as time_zone,
    null::double precision as rated_kw,
    'ocpi' as status_source,
    r.total_energy <> '' as is_final,
    r.start_date_time as start_text,
    r.end_date_time as end_text,
    coalesce(nullif(r.total_energy, ''), r.kwh) as energy_text
from raw.ocpi_session as r;
