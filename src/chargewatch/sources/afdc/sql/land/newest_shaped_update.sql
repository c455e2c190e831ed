-- The date of a load's newest Updated At when the normalising scan found every
-- value in AFDC's own shape ("2024-05-14 21:31:02 UTC") or empty, and handed
-- over the largest: then text order is time order. usable is false when that
-- value is not a valid time. Grain: one row.
select
    %(newest)s::text is null or core.timestamp_problem(%(newest)s::text) is null as usable,
    case
        when core.timestamp_problem(%(newest)s::text) is null
            then (%(newest)s::text)::timestamptz::date
    end as newest_date
