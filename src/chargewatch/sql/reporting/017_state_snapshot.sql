-- reporting.state_snapshot: which file each state's numbers stand on. On each
-- snapshot date, a state of a source is as of the newest loaded snapshot of
-- that source, on or before the date, whose file lists stations in the state
-- (a national file covers every state in it; a state export covers one). KPIs
-- over several states can therefore mix dates; this view says which.
-- Grain: one row per (as_of_date, source, state).
create view reporting.state_snapshot as
with covered as (
    select
        l.source,
        nullif(c.state, '') as state,
        l.as_of_date,
        l.load_id,
        l.file_name,
        l.sha256
    from core.load as l
    cross join lateral unnest(l.covered_states) as c (state)
    where l.status = 'loaded' and l.model = 'stations'
),

snapshot_date as (
    select distinct as_of_date
    from core.load
    where status = 'loaded' and model = 'stations'
)

select distinct on (d.as_of_date, c.source, c.state)
    d.as_of_date,
    c.source,
    c.state,
    c.as_of_date as snapshot_as_of_date,
    c.load_id,
    c.file_name,
    min(c.as_of_date) over (partition by c.source, c.state) as first_as_of_date
from snapshot_date as d
inner join covered as c on c.as_of_date <= d.as_of_date
order by d.as_of_date, c.source, c.state, c.as_of_date desc, c.sha256 desc;

comment on view reporting.state_snapshot is
    'One row per (as_of_date, source, state): the file whose stations a state''s numbers '
    'stand on at each snapshot date, and its own date. A state of a source is as of the '
    'newest loaded file of that source, on or before as_of_date, that lists stations in it.';
comment on column reporting.state_snapshot.as_of_date is
    'The snapshot date the numbers are read at (the as_of_date of the KPI views).';
comment on column reporting.state_snapshot.source is
    'Where the data came from: a source''s name, such as afdc (the US Alternative Fuels Data '
    'Center) or ocm (Open Charge Map).';
comment on column reporting.state_snapshot.state is
    'Two-letter state or province code (elsewhere than the US and Canada, the country code '
    'and region, e.g. DE:Berlin); null for stations without one.';
comment on column reporting.state_snapshot.snapshot_as_of_date is
    'The date of the file that gives this state''s stations at as_of_date (its export date). '
    'Older than as_of_date when no newer file covers the state.';
comment on column reporting.state_snapshot.load_id is
    'The load of that file (see reporting.load).';
comment on column reporting.state_snapshot.file_name is 'The name of that file when it was loaded.';
comment on column reporting.state_snapshot.first_as_of_date is
    'The date of the first loaded file of this source that covers the state: from then on '
    'the state counts in totals. A jump in a trend on this date is new coverage, not growth.';
