-- core.stg_esb__observation: what each line of an ESB poll observed, in the
-- shape every status source gives (chargewatch.warehouse.port_status). A poll
-- is one (date, time) of the feed; a port is (charge point ID, connector type,
-- coordinates as written), since the feed reuses an ID at two places and
-- writes N/A for some. A failed poll's line (NA) observes no port. Identical
-- lines of one poll are one observation; a code the feed's table does not
-- know is unknown. Filter it by load_id.
-- Grain: one row per (load_id, line_number).
drop view if exists core.stg_esb__observation;

create view core.stg_esb__observation as
select
    r.load_id,
    r.line_number,
    t.polled_at as observed_at,
    t.polled_at as seen_at,
    r.status_code <> 'NA' as poll_succeeded,
    case
        when r.status_code <> 'NA'
            then concat_ws(
                '|',
                coalesce(r.charge_point, ''),
                coalesce(r.connector_type, ''),
                coalesce(r.coordinates, '')
            )
    end as port_key,
    coalesce(r.charge_point, '') as station_id,
    coalesce(r.connector_type, '') as port_id,
    nullif(r.connector_type, '') as connector,
    null::numeric as power_kw,
    core.number_or_null(r.latitude) as latitude,
    core.number_or_null(r.longitude) as longitude,
    r.status_code as source_status,
    null::text as error_code,
    false as whole_station,
    'ESB ecars'::text as network,
    null::text as state,
    coalesce(c.status, 'unknown') as status
from raw.esb_status as r
cross join lateral (select core.esb_polled_at(r.poll_date, r.poll_time, r.first_pass) as polled_at) as t
left join core.port_status_code as c on c.source = 'esb' and c.code = r.status_code;
