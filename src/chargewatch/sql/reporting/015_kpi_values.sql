-- reporting.kpi_values(counts): the five station KPIs (and public_share)
-- from the counts behind them. One definition for every place that turns
-- counts into KPIs: reporting.station_kpi_history and filtered reads
-- (sql/kpi/filtered.sql), and BI tools that sum reporting.station_group.
create function reporting.kpi_values(
    operational bigint,
    temporarily_unavailable bigint,
    existing bigint,
    dc_fast bigint,
    open_24_7 bigint,
    public bigint,
    private bigint,
    connector_types_known bigint,
    connector_type_total bigint,
    dc_fast_given bigint default null,
    hours_given bigint default null,
    out station_operational_rate float8,
    out fast_charging_availability float8,
    out accessibility_24_7_rate float8,
    out public_private_ratio float8,
    out public_share float8,
    out avg_connector_diversity float8
)
language sql immutable parallel safe
as $$
select
    operational::float8 / nullif(operational + temporarily_unavailable, 0),
    dc_fast::float8 / nullif(coalesce(dc_fast_given, existing), 0),
    open_24_7::float8 / nullif(coalesce(hours_given, existing), 0),
    public::float8 / nullif(private, 0),
    public::float8 / nullif(public + private, 0),
    connector_type_total::float8 / nullif(connector_types_known, 0)
$$;

comment on function reporting.kpi_values is
    'The station KPIs from summed counts, defined once for every place that computes them. '
    'Arguments: (operational, temporarily_unavailable, existing, dc_fast, open_24_7, public, '
    'private, connector_types_known, connector_type_total, dc_fast_given, hours_given). '
    'Returns station_operational_rate '
    '= operational ÷ (operational + temporarily_unavailable), fast_charging_availability = '
    'dc_fast ÷ dc_fast_given, accessibility_24_7_rate = open_24_7 ÷ hours_given (the given '
    'counts are the existing stations whose file has the column: all of them, unless a file '
    'lacks EV DC Fast Count or Access Days Time, whose stations then count as unknown; '
    'left out, they are taken to be existing), '
    'public_private_ratio '
    '= public ÷ private, public_share = public ÷ (public + private), avg_connector_diversity = '
    'connector_type_total ÷ connector_types_known; each null when its denominator is 0. Pass '
    'it the counts of reporting.station_group summed over the rows wanted and cast to bigint, '
    'e.g. reporting.kpi_values(sum(operational_count)::bigint, '
    'sum(temporarily_unavailable_count)::bigint, ...).';
